"use client";

import { useActionState } from "react";
import { createEdgeAction } from "@/app/(admin)/edges/actions";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import { SecretOnce } from "./secret-once";

export function CreateEdgeForm({ panelUrl }: { panelUrl: string }) {
  const [state, action] = useActionState(createEdgeAction, {});
  return (
    <form action={action} className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="font-medium">Register an edge</h2>
      <Field name="name" label="Name" hint="Letters, digits, '.', '_' and '-'; usually the edge's hostname." error={state.fieldErrors?.name}>
        <input {...controlProps("name", state.fieldErrors?.name, true)} required maxLength={64} className={INPUT_CLASS} />
      </Field>
      <FormMessage state={state} />
      {state.secret && (
        <>
          <SecretOnce label="Edge token" secret={state.secret} />
          <p className="text-sm">Run on the edge (docs/edge.md has the nginx site and a systemd unit):</p>
          <pre className="overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">
            {`npm run rotor -- edge-agent --url ${panelUrl} --token ${state.secret} \\\n  --nginx-map /etc/nginx/rotor/paths.map --on-change "nginx -t && nginx -s reload"`}
          </pre>
        </>
      )}
      <SubmitButton pendingLabel="Registering…">Register edge</SubmitButton>
    </form>
  );
}
