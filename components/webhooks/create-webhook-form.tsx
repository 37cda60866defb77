"use client";

import { useActionState } from "react";
import { createWebhookAction } from "@/app/(admin)/webhooks/actions";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SecretOnce } from "@/components/owner/secret-once";
import { SubmitButton } from "@/components/submit-button";
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

/** `events` comes from the server (WEBHOOK_EVENTS), keeping the schema module out of the browser bundle. */
export function CreateWebhookForm({ events }: { events: readonly WebhookEvent[] }) {
  const [state, action] = useActionState(createWebhookAction, {});
  return (
    <form action={action} className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <h2 className="font-medium">Add a webhook</h2>
      <Field name="url" label="URL" hint="An http(s) address that answers 2xx; redirects are not followed." error={state.fieldErrors?.url}>
        <input {...controlProps("url", state.fieldErrors?.url, true)} type="url" required maxLength={2000} placeholder="https://hooks.example.com/rotor" className={INPUT_CLASS} />
      </Field>
      <Field name="description" label="Description" error={state.fieldErrors?.description}>
        <input {...controlProps("description", state.fieldErrors?.description)} maxLength={200} className={INPUT_CLASS} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Events</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {events.map((event) => (
            <label key={event} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="events" value={event} className="mt-0.5" />
              <span>
                <span className="font-mono">{event}</span> <span className="text-zinc-500 dark:text-zinc-400">— {HINTS[event]}</span>
              </span>
            </label>
          ))}
        </div>
        {state.fieldErrors?.events && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{state.fieldErrors.events}</p>}
      </fieldset>
      <FormMessage state={state} />
      {state.secret && <SecretOnce label="Signing secret" secret={state.secret} />}
      <SubmitButton pendingLabel="Adding…">Add webhook</SubmitButton>
    </form>
  );
}
