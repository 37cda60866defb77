"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { ConfirmButton } from "@/components/confirm-button";
import { FormMessage } from "@/components/form-message";
import type { ActionState } from "@/lib/admin/admin-action";

/**
 * "Rotate now" for one host: the dialog shows the move the rotation makes (current → the
 * announced next path, from the live snapshot); the outcome shows beside the button.
 */
export function RotateHostButton({
  action,
  hostId,
  hostName,
  current,
  next,
  compact = false,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hostId: number;
  hostName: string;
  current: string | undefined;
  next: string | undefined;
  /** In a table row: a smaller outcome line. */
  compact?: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  const details =
    current && next ? (
      <div className="space-y-2">
        <p>Clients get the announced next path at their next refresh; edges keep accepting the current one for the grace window.</p>
        <p className="break-all font-mono text-xs text-zinc-900 dark:text-zinc-100">
          <code>{current}</code> → <code>{next}</code>
        </p>
      </div>
    ) : (
      <p>This host has no live rotation state yet; rotating creates it.</p>
    );
  return (
    <form action={formAction} className={compact ? "space-y-1" : "space-y-2"}>
      <input type="hidden" name="hostId" value={hostId} />
      <ConfirmButton variant="primary" question={`Rotate ${hostName} now?`} confirmLabel="Rotate" details={details}>
        Rotate now<span className="sr-only"> {hostName}</span>
      </ConfirmButton>
      <Pending />
      <div className={compact ? "max-w-xs whitespace-normal" : undefined}>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

function Pending() {
  const { pending } = useFormStatus();
  return pending ? (
    <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
      Rotating…
    </p>
  ) : null;
}
