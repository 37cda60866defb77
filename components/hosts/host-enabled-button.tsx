"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";

/** Enables or disables a host in one click (nothing is lost either way). */
export function HostEnabledButton({
  action,
  hostId,
  enabled,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hostId: number;
  enabled: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="hostId" value={hostId} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <SubmitButton variant="secondary" pendingLabel={enabled ? "Disabling…" : "Enabling…"}>
        {enabled ? "Disable host" : "Enable host"}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
