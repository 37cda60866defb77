"use client";

import { useActionState } from "react";
import { changePasswordAction } from "@/app/(admin)/account/actions";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password", hint: "At least 8 characters." },
  { name: "confirmPassword", label: "New password again", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, {});
  return (
    <form action={action} className="max-w-md space-y-4">
      {FIELDS.map((field) => (
        <Field key={field.name} name={field.name} label={field.label} hint={"hint" in field ? field.hint : undefined} error={state.fieldErrors?.[field.name]}>
          <input {...controlProps(field.name, state.fieldErrors?.[field.name], "hint" in field)} type="password" required autoComplete={field.autoComplete} className={INPUT_CLASS} />
        </Field>
      ))}
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
