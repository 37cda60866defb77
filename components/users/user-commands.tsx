"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";

/** A user's page buttons: enable or disable, reset traffic, reset the subscription URL, delete (the last three ask first). */
export function UserCommands({
  action,
  userId,
  username,
  enabled,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  userId: number;
  username: string;
  /** Whether the stored status is active (then the button disables). */
  enabled: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} aria-label="User actions" className="flex flex-col items-end gap-2">
      <input type="hidden" name="id" value={userId} />
      <div className="flex flex-wrap justify-end gap-2">
        <SubmitButton name="intent" value={enabled ? "disable" : "enable"} variant="secondary" pendingLabel="Working…">
          {enabled ? "Disable" : "Enable"}
        </SubmitButton>
        <ConfirmButton
          name="intent"
          value="reset_traffic"
          variant="secondary"
          question={`Reset the traffic of ${username}?`}
          details="Upload and download go back to 0 now (lifetime traffic is kept); a limited user can connect again."
          confirmLabel="Reset traffic"
        >
          Reset traffic
        </ConfirmButton>
        <ConfirmButton
          name="intent"
          value="reset_token"
          variant="secondary"
          question={`Reset the subscription URL of ${username}?`}
          details="The current URL stops working at once; the user must import the new one."
          confirmLabel="Reset URL"
        >
          Reset subscription URL
        </ConfirmButton>
        <ConfirmButton name="intent" value="delete" question={`Delete ${username}?`} details="The subscription stops working and the fetch history is removed. This cannot be undone." confirmLabel="Delete user">
          Delete
        </ConfirmButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
