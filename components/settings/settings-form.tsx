"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";
import type { SettingsPreview } from "@/lib/settings/preview-settings";
import { shortGraceHosts, type HostGrace } from "@/lib/settings/short-grace";
import { formatDuration } from "@/lib/util/units";
import { SettingsPreviewPanel } from "./settings-preview";

export interface SettingsFormValues {
  profileTitle: string;
  supportUrl: string;
  updateIntervalHours: string;
  announce: string;
  remarkTemplate: string;
}

type PreviewResult = ActionState & { preview?: SettingsPreview };

/**
 * The settings row as a form, with a preview of what /sub would send that follows every
 * keystroke (computed on the server by /sub's own code). Viewers see it read-only.
 */
export function SettingsForm({
  initial,
  version,
  initialPreview,
  hosts,
  canManage,
  save,
  preview,
}: {
  initial: SettingsFormValues;
  version: number;
  initialPreview: SettingsPreview;
  /** Enabled hosts' grace, to warn when clients would refresh too seldom for it. */
  hosts: HostGrace[];
  canManage: boolean;
  save: (state: ActionState, formData: FormData) => Promise<ActionState>;
  preview: (values: Record<string, string>) => Promise<PreviewResult>;
}) {
  // Controlled fields: the preview follows them, and a refused save keeps what was typed.
  const [values, setValues] = useState(initial);
  const [state, formAction] = useActionState(save, {});
  const [previewed, setPreviewed] = useState<{ values: SettingsFormValues; result: PreviewResult }>({ values: initial, result: { ok: true, preview: initialPreview } });

  // The action arrives as a new function whenever the page is revalidated; a ref keeps the
  // preview request below from being cancelled and restarted by each of those renders.
  const previewAction = useRef(preview);
  useEffect(() => {
    previewAction.current = preview;
  }, [preview]);
  const latestRequest = useRef(0);
  useEffect(() => {
    if (previewed.values === values) return;
    // Wait for a pause in typing rather than asking the server on every keystroke.
    const timer = setTimeout(async () => {
      const request = ++latestRequest.current;
      const result = await previewAction.current({ ...values }).catch((): PreviewResult => ({ message: "The preview is unavailable (is the server reachable?)." }));
      // Answers may overtake one another: only the newest request's answer is shown.
      if (request === latestRequest.current) setPreviewed({ values, result });
    }, 250);
    return () => clearTimeout(timer);
  }, [values, previewed.values]);

  const set = (name: keyof SettingsFormValues) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((old) => ({ ...old, [name]: event.target.value }));
  const error = (name: keyof SettingsFormValues) => state.fieldErrors?.[name];
  const shortGrace = shortGraceHosts(hosts, Number(values.updateIntervalHours));
  const announceLength = [...values.announce.replace(/\r\n?/g, "\n").trim()].length;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form action={formAction} noValidate aria-label="Subscription settings" className="space-y-4">
        <input type="hidden" name="version" value={version} />
        <fieldset disabled={!canManage} className="space-y-4">
          <legend className="sr-only">Subscription settings</legend>
          <Field name="profileTitle" label="Profile title" error={error("profileTitle")} hint="The subscription's name in clients (profile-title) and in the file name.">
            <input {...controlProps("profileTitle", error("profileTitle"), true)} value={values.profileTitle} onChange={set("profileTitle")} maxLength={100} className={INPUT_CLASS} />
          </Field>
          <Field name="supportUrl" label="Support URL" error={error("supportUrl")} hint="An http:// or https:// link clients offer as “support” (support-url). Empty for none.">
            <input {...controlProps("supportUrl", error("supportUrl"), true)} type="url" inputMode="url" value={values.supportUrl} onChange={set("supportUrl")} placeholder="https://t.me/your_support" className={INPUT_CLASS} />
          </Field>
          <Field
            name="updateIntervalHours"
            label="Update interval (hours)"
            error={error("updateIntervalHours")}
            hint={
              <>
                How often clients refresh, 1 to 168 hours (profile-update-interval). A user whose host rotates sooner is told to come back sooner.
                {shortGrace.length > 0 && (
                  <span className="mt-1 block text-amber-700 dark:text-amber-300">
                    Grace shorter than twice this interval: {shortGrace.map((host) => `${host.name} (${formatDuration(host.graceSeconds)})`).join(", ")}. A client
                    refreshing this seldom can miss a manual rotation&apos;s grace and stay disconnected until its next refresh.
                  </span>
                )}
              </>
            }
          >
            <input
              {...controlProps("updateIntervalHours", error("updateIntervalHours"), true)}
              type="number"
              inputMode="numeric"
              min={1}
              max={168}
              step={1}
              value={values.updateIntervalHours}
              onChange={set("updateIntervalHours")}
              className={`${INPUT_CLASS} max-w-32`}
            />
          </Field>
          <Field name="announce" label="Announcement" error={error("announce")} hint={`Shown by clients that read the announce header, and on the subscription page. ${announceLength}/200 characters.`}>
            <textarea {...controlProps("announce", error("announce"), true)} rows={3} value={values.announce} onChange={set("announce")} className={INPUT_CLASS} />
          </Field>
          <Field
            name="remarkTemplate"
            label="Server name template"
            error={error("remarkTemplate")}
            hint={
              <>
                Each server&apos;s name in clients. Placeholders: <code>{"{HOST}"}</code> (required, so servers are told apart), <code>{"{USERNAME}"}</code>,{" "}
                <code>{"{TRANSPORT}"}</code>. Repeated names get “ 2”, “ 3”.
              </>
            }
          >
            <input {...controlProps("remarkTemplate", error("remarkTemplate"), true)} value={values.remarkTemplate} onChange={set("remarkTemplate")} maxLength={100} className={INPUT_CLASS} />
          </Field>
        </fieldset>
        <FormMessage state={state} />
        {canManage ? (
          <SubmitButton>Save settings</SubmitButton>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Your role can view these settings but not change them.</p>
        )}
      </form>
      <SettingsPreviewPanel result={previewed.result} pending={previewed.values !== values} />
    </div>
  );
}
