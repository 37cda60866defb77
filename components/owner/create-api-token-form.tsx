"use client";

import { useActionState } from "react";
import { createApiTokenAction } from "@/app/(admin)/tokens/actions";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { SecretOnce } from "./secret-once";

const SCOPES = [
  { value: "read", hint: "read users, hosts, state and history" },
  { value: "write", hint: "create, change and delete users and hosts" },
  { value: "rotate", hint: "rotate hosts" },
  { value: "admin", hint: "everything above" },
];

export function CreateApiTokenForm() {
  const [state, action] = useActionState(createApiTokenAction, {});
  return (
    <form action={action} className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="font-medium">New API token</h2>
      <Field name="name" label="Name" hint="Who or what uses it, e.g. billing-bot." error={state.fieldErrors?.name}>
        <input {...controlProps("name", state.fieldErrors?.name, true)} required maxLength={64} className={INPUT_CLASS} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Scopes</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {SCOPES.map((scope) => (
            <label key={scope.value} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope.value} defaultChecked={scope.value === "read"} className="mt-0.5" />
              <span>
                <span className="font-mono">{scope.value}</span> <span className="text-zinc-500 dark:text-zinc-400">— {scope.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {state.fieldErrors?.scopes && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{state.fieldErrors.scopes}</p>}
      </fieldset>
      <FormMessage state={state} />
      {state.secret && <SecretOnce label="API token" secret={state.secret} />}
      <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
    </form>
  );
}
