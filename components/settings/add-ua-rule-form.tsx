"use client";

import { useActionState, useState } from "react";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";
import { FormatOptions } from "./format-options";

const EMPTY = { prefix: "", format: "clash", note: "", placement: "first" };

/** Adds a User-Agent rule, at the top of the list by default (first match wins). */
export function AddUaRuleForm({ create }: { create: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [values, setValues] = useState(EMPTY);
  const [state, formAction] = useActionState(async (previous: ActionState, formData: FormData) => {
    const result = await create(previous, formData);
    if (result.ok) setValues(EMPTY);
    return result;
  }, {});
  const set = (name: keyof typeof EMPTY) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((old) => ({ ...old, [name]: event.target.value }));
  const error = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={formAction} noValidate aria-labelledby="add-rule-heading" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 id="add-rule-heading" className="font-medium">
        Add a rule
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="prefix" label="User-Agent starts with" error={error("prefix")} hint="Ignoring case, e.g. “MyClient/2”.">
          <input {...controlProps("prefix", error("prefix"), true)} value={values.prefix} onChange={set("prefix")} maxLength={100} className={`${INPUT_CLASS} font-mono`} />
        </Field>
        <Field name="format" label="Format" error={error("format")}>
          <select {...controlProps("format", error("format"))} value={values.format} onChange={set("format")} className={INPUT_CLASS}>
            <FormatOptions />
          </select>
        </Field>
        <Field name="note" label="Note" error={error("note")} hint="Optional, for other admins.">
          <input {...controlProps("note", error("note"), true)} value={values.note} onChange={set("note")} maxLength={200} className={INPUT_CLASS} />
        </Field>
        <Field name="placement" label="Place" error={error("placement")} hint="A specific prefix belongs above a general one.">
          <select {...controlProps("placement", error("placement"), true)} value={values.placement} onChange={set("placement")} className={INPUT_CLASS}>
            <option value="first">First (tried before all others)</option>
            <option value="last">Last</option>
          </select>
        </Field>
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingLabel="Adding…">Add rule</SubmitButton>
    </form>
  );
}
