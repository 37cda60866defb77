"use client";

import { useActionState } from "react";
import { controlProps, Field, INPUT_CLASS } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";
import { beforeFieldName, USER_FORM_FIELDS, type UserFormField } from "@/lib/users/user-form-fields";

type UserFormState = ActionState & { values?: Record<string, string> };

/** The reset strategies as the select offers them (values as the domain names them). */
const RESET_CHOICES = [
  ["none", "Never"],
  ["daily", "Daily, at 00:00 UTC"],
  ["weekly", "Weekly, Monday 00:00 UTC"],
  ["monthly", "Monthly, on the 1st 00:00 UTC"],
] as const;

/**
 * Create (no `userId`) or edit a user. Editing carries a hidden copy of each field's initial text,
 * so the server saves only what the admin changed. Errors appear beside their fields.
 */
export function UserForm({
  action,
  initial,
  userId,
}: {
  action: (state: UserFormState, formData: FormData) => Promise<UserFormState>;
  initial: Record<UserFormField, string>;
  userId?: number;
}) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  // After a refusal the form shows what was typed (React resets a form after its action).
  const value = (field: UserFormField) => state.values?.[field] ?? initial[field];
  const editing = userId !== undefined;
  return (
    <form action={formAction} noValidate aria-label={editing ? "Edit user" : "New user"} className="max-w-xl space-y-4">
      {editing && <input type="hidden" name="id" value={userId} />}
      {editing && USER_FORM_FIELDS.map((field) => <input key={field} type="hidden" name={beforeFieldName(field)} value={initial[field]} />)}
      <Field name="username" label="Username" hint="3–32 letters, digits, '_', '.' or '-'." error={errors.username}>
        <input {...controlProps("username", errors.username, true)} defaultValue={value("username")} autoComplete="off" spellCheck={false} className={INPUT_CLASS} />
      </Field>
      <Field name="dataLimitBytes" label="Data limit" hint="A size like 50GB or 500MiB. Empty means unlimited." error={errors.dataLimitBytes}>
        <input {...controlProps("dataLimitBytes", errors.dataLimitBytes, true)} defaultValue={value("dataLimitBytes")} placeholder="unlimited" className={INPUT_CLASS} />
      </Field>
      <Field name="resetStrategy" label="Traffic reset" hint="When used traffic goes back to 0 (UTC): a limited user connects again." error={errors.resetStrategy}>
        {/* Keyed by its value: React's form reset after an action does not re-apply a select's new defaultValue. */}
        <select key={value("resetStrategy")} {...controlProps("resetStrategy", errors.resetStrategy, true)} defaultValue={value("resetStrategy") || "none"} className={INPUT_CLASS}>
          {RESET_CHOICES.map(([choice, label]) => (
            <option key={choice} value={choice}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field name="expiresAt" label="Expires" hint="The user may connect until the end of that day (UTC). Empty means never." error={errors.expiresAt}>
        <input {...controlProps("expiresAt", errors.expiresAt, true)} type="date" defaultValue={value("expiresAt")} className={INPUT_CLASS} />
      </Field>
      <Field
        name="onHoldSeconds"
        label="On hold"
        hint="Instead of a date: the expiry starts at the first connection and lasts this long, e.g. 30d. Empty means not on hold."
        error={errors.onHoldSeconds}
      >
        <input {...controlProps("onHoldSeconds", errors.onHoldSeconds, true)} defaultValue={value("onHoldSeconds")} placeholder="not on hold" className={INPUT_CLASS} />
      </Field>
      <Field name="note" label="Note" hint="Only admins see it." error={errors.note}>
        <textarea {...controlProps("note", errors.note, true)} defaultValue={value("note")} rows={3} maxLength={500} className={INPUT_CLASS} />
      </Field>
      <FormMessage state={state} />
      <SubmitButton pendingLabel={editing ? "Saving…" : "Creating…"}>{editing ? "Save changes" : "Create user"}</SubmitButton>
    </form>
  );
}
