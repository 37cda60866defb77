"use client";

import { useActionState } from "react";
import type { ButtonVariant } from "@/components/button-class";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";

/** A one-click form (nothing to confirm: it loses nothing) with hidden fields; shows a failure beside it. */
export function InlineActionForm({
  action: serverAction,
  fields,
  label,
  pendingLabel,
  variant = "secondary",
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
}) {
  const [state, action] = useActionState(serverAction, {});
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      {state.message && <FormMessage state={state} />}
    </form>
  );
}
