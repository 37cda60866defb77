"use client";

import { useActionState } from "react";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SecretOnce } from "@/components/owner/secret-once";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";
import type { WebhookEvent } from "@/lib/db/schema";

const HINTS: Record<WebhookEvent, string> = {
  "user.created": "a user was added",
  "user.updated": "a user was changed, enabled, disabled, extended or given a new token",
  "user.deleted": "a user was removed",
  "user.expired": "a user passed their expiry date",
  "user.limited": "a user reached their data limit",
  "rotation.completed": "a host moved to a new path",
  "rotation.failed": "a rotation could not be done (at most every 15 min per host)",
  "edge.lagging": "an edge stayed behind the current paths for over a minute",
};

export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
}

/** What a webhook form action answers: a refused form gets back what was typed. */
export type WebhookFormState = ActionState & { values?: WebhookFormValues };

/**
 * The fields of a webhook, for adding and editing. `events` comes from the server
 * (WEBHOOK_EVENTS), keeping the schema module out of the browser bundle.
 */
export function WebhookForm({
  action: serverAction,
  events,
  initial = { url: "", description: "", events: [] },
  webhookId,
  title,
  submitLabel,
  pendingLabel,
}: {
  action: (previous: WebhookFormState, formData: FormData) => Promise<WebhookFormState>;
  events: readonly WebhookEvent[];
  initial?: WebhookFormValues;
  webhookId?: number;
  title: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, action] = useActionState(serverAction, {});
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="font-medium">{title}</h2>
      {webhookId !== undefined && <input type="hidden" name="webhookId" value={webhookId} />}
      <Field name="url" label="URL" hint="An http(s) address that answers 2xx; redirects are not followed." error={errors.url}>
        <input {...controlProps("url", errors.url, true)} type="url" required maxLength={2000} defaultValue={values.url} placeholder="https://hooks.example.com/rotor" className={INPUT_CLASS} />
      </Field>
      <Field name="description" label="Description" error={errors.description}>
        <input {...controlProps("description", errors.description)} maxLength={200} defaultValue={values.description} className={INPUT_CLASS} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Events</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {events.map((event) => (
            <label key={event} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="events" value={event} defaultChecked={values.events.includes(event)} className="mt-0.5" />
              <span>
                <span className="font-mono">{event}</span> <span className="text-zinc-500 dark:text-zinc-400">— {HINTS[event]}</span>
              </span>
            </label>
          ))}
        </div>
        {(errors.events ?? errors["events.0"]) && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{errors.events ?? errors["events.0"]}</p>}
      </fieldset>
      <FormMessage state={state} />
      {state.secret && <SecretOnce label="Signing secret" secret={state.secret} />}
      <SubmitButton pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
    </form>
  );
}
