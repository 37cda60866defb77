"use client";

import { useActionState } from "react";
import { changeRoleAction, createAdminAction } from "@/app/(admin)/admins/actions";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { AdminRole } from "@/lib/db/schema";

const ROLES: ReadonlyArray<{ value: AdminRole; label: string }> = [
  { value: "viewer", label: "viewer — reads everything, changes nothing" },
  { value: "admin", label: "admin — users, hosts, rotations, settings" },
  { value: "owner", label: "owner — everything, including admins and tokens" },
];

export function CreateAdminForm() {
  const [state, action] = useActionState(createAdminAction, {});
  return (
    <form action={action} className="grid gap-4 rounded-lg border border-zinc-200 p-4 sm:grid-cols-3 dark:border-zinc-800">
      <h2 className="font-medium sm:col-span-3">New admin</h2>
      <Field name="username" label="Username" error={state.fieldErrors?.username}>
        <input {...controlProps("username", state.fieldErrors?.username)} required autoComplete="off" className={INPUT_CLASS} />
      </Field>
      <Field name="password" label="Password" hint="At least 8 characters; they can change it on their account page." error={state.fieldErrors?.password}>
        <input {...controlProps("password", state.fieldErrors?.password, true)} type="password" required minLength={8} autoComplete="new-password" className={INPUT_CLASS} />
      </Field>
      <Field name="role" label="Role" error={state.fieldErrors?.role}>
        <select {...controlProps("role", state.fieldErrors?.role)} defaultValue="admin" className={INPUT_CLASS}>
          {ROLES.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="space-y-2 sm:col-span-3">
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Creating…">Create admin</SubmitButton>
      </div>
    </form>
  );
}

export function RoleForm({ adminId, username, role }: { adminId: number; username: string; role: AdminRole }) {
  const [state, action] = useActionState(changeRoleAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="adminId" value={adminId} />
      <label className="sr-only" htmlFor={`role-${adminId}`}>
        Role of {username}
      </label>
      <select id={`role-${adminId}`} name="role" defaultValue={role} className={`${INPUT_CLASS} w-auto py-1`}>
        {ROLES.map((option) => (
          <option key={option.value} value={option.value}>
            {option.value}
          </option>
        ))}
      </select>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Set role
      </SubmitButton>
      {state.message && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
