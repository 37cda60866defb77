"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { FormMessage } from "@/components/form-message";
import type { ActionState } from "@/lib/admin/admin-action";

/** Deletes a host after a confirmation that says what deleting does to clients and edges. */
export function DeleteHostButton({
  action,
  hostId,
  hostName,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hostId: number;
  hostName: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="hostId" value={hostId} />
      <ConfirmButton
        question={`Delete ${hostName}?`}
        confirmLabel="Delete host"
        details={
          <p>
            Edges stop accepting all of its paths at once, so clients connected through it lose this host now (not after the grace
            window), and subscriptions leave it out. Its rotation history is deleted too. To take it offline gently, disable it instead.
          </p>
        }
      >
        Delete host
      </ConfirmButton>
      <FormMessage state={state} />
    </form>
  );
}
