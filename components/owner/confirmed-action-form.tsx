"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/admin/admin-action";
import { ConfirmButton } from "@/components/confirm-button";
import { FormMessage } from "@/components/form-message";

/** A one-button form that confirms, then runs `action` with a hidden field; shows the outcome. */
export function ConfirmedActionForm({
  action: serverAction,
  field,
  value,
  label,
  question,
  details,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  field: string;
  value: string;
  label: string;
  question: string;
  details?: React.ReactNode;
}) {
  const [state, action] = useActionState(serverAction, {});
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name={field} value={value} />
      <ConfirmButton question={question} details={details} confirmLabel={label}>
        {label}
      </ConfirmButton>
      {state.message && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
