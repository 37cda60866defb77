"use client";

import { useActionState, useState } from "react";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";
import { graceWarning } from "@/lib/hosts/grace-warning";
import type { HostFormValues } from "@/lib/hosts/host-form";
import { parseDuration } from "@/lib/util/units";

export interface HostFormChoices {
  transports: readonly string[];
  securities: readonly string[];
  fingerprints: readonly string[];
}

type HostFormState = ActionState & { values?: HostFormValues };

const REALITY_FIELDS = ["realityPublicKey", "realityShortId", "realitySpiderX"] as const;
const TLS_FIELDS = ["sni", "fingerprint", "alpn"] as const;
const DURATION_HINT = "e.g. 90s, 30m, 6h, 1d12h";

/**
 * Creates or edits a host. Field errors from the server sit beside their fields; a refused form
 * keeps what was typed. TLS and REALITY fields show only when the security needs them (or hold
 * an error), but are always submitted and validated. Read-only for roles that may not manage.
 */
export function HostForm({
  action,
  initial,
  hostId,
  choices,
  updateIntervalHours,
  readOnly = false,
}: {
  action: (state: HostFormState, formData: FormData) => Promise<HostFormState>;
  initial: HostFormValues;
  /** Set when editing an existing host. */
  hostId?: number;
  choices: HostFormChoices;
  updateIntervalHours: number;
  readOnly?: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  const [security, setSecurity] = useState(values.security);
  const [grace, setGrace] = useState(values.graceSeconds);
  const graceSeconds = parseDuration(grace);
  const warning = graceSeconds === undefined ? null : graceWarning(graceSeconds, updateIntervalHours);
  const showTls = security !== "none" || TLS_FIELDS.some((field) => errors[field]);
  const showReality = security === "reality" || REALITY_FIELDS.some((field) => errors[field]);
  const editing = hostId !== undefined;

  const text = (name: keyof HostFormValues & string, label: string, hint?: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field name={name} label={label} hint={hint} error={errors[name]}>
      <input {...controlProps(name, errors[name], Boolean(hint))} defaultValue={String(values[name])} className={INPUT_CLASS} {...extra} />
    </Field>
  );
  const select = (name: keyof HostFormValues & string, label: string, options: readonly string[], hint?: string, onChange?: (value: string) => void) => (
    <Field name={name} label={label} hint={hint} error={errors[name]}>
      <select
        {...controlProps(name, errors[name], Boolean(hint))}
        defaultValue={String(values[name])}
        className={INPUT_CLASS}
        onChange={onChange && ((event) => onChange(event.target.value))}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form action={formAction} noValidate className="space-y-8">
      {hostId !== undefined && <input type="hidden" name="hostId" value={hostId} />}
      <fieldset disabled={readOnly} className="space-y-8">
        <Section title="Endpoint">
          {text("name", "Name", "Unique; shown in clients' profile names.", { autoComplete: "off" })}
          {text("address", "Address", "Domain or IP clients connect to.", { autoComplete: "off" })}
          {text("port", "Port", undefined, { type: "number", min: 1, max: 65535, inputMode: "numeric" })}
        </Section>

        <Section title="Transport and security">
          {select("transport", "Transport", choices.transports, editing ? PATHS_FROM_NOW : undefined)}
          {select("security", "Security", choices.securities, undefined, setSecurity)}
          {text("hostHeader", "Host header", "HTTP Host for ws, httpupgrade and xhttp; empty: the address.")}
          <div hidden={!showTls} className={showTls ? "contents" : "hidden"}>
            {text("sni", "SNI", "TLS server name; empty: the address.")}
            {select("fingerprint", "Fingerprint", choices.fingerprints, "uTLS client fingerprint.")}
            {text("alpn", "ALPN", "Comma-separated: h2, http/1.1, h3. Empty: the client's default.")}
          </div>
          <div hidden={!showReality} className={showReality ? "contents" : "hidden"}>
            {text("realityPublicKey", "REALITY public key", "pbk: the server's X25519 public key (43 characters).")}
            {text("realityShortId", "REALITY short id", "sid: up to 16 hex digits.")}
            {text("realitySpiderX", "REALITY spiderX", "spx: a path starting with /.")}
          </div>
        </Section>

        <Section title="Rotation">
          {text("pathPrefix", "Path prefix", editing ? `Rotated paths start with it. ${PATHS_FROM_NOW}` : "Rotated paths start with it, e.g. /api/.")}
          {text("rotationIntervalSeconds", "Rotation interval", `${DURATION_HINT}; 0 = manual only.${editing ? " Counts from the last rotation." : ""}`)}
          <Field name="graceSeconds" label="Grace" hint={`How long edges keep accepting a retired path; ${DURATION_HINT}. Applies to paths retired from now on.`} error={errors.graceSeconds}>
            <input {...controlProps("graceSeconds", errors.graceSeconds, true)} defaultValue={values.graceSeconds} onChange={(event) => setGrace(event.target.value)} className={INPUT_CLASS} />
          </Field>
          {text("announceSeconds", "Announce time", `How long a next path is announced to edges before it may be used; ${DURATION_HINT}.`)}
          {warning && (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 sm:col-span-2 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
              <strong className="font-semibold">Warning:</strong> {warning}
            </p>
          )}
        </Section>

        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="enabled" defaultChecked={values.enabled} className="size-4 rounded border-zinc-300 text-indigo-600 focus:ring-indigo-500 dark:border-zinc-700" />
          Enabled (included in subscriptions)
        </label>
      </fieldset>

      <FormMessage state={state} />
      {!readOnly && (
        <div className="flex gap-2">
          <SubmitButton pendingLabel={editing ? "Saving…" : "Creating…"}>{editing ? "Save changes" : "Create host"}</SubmitButton>
        </div>
      )}
    </form>
  );
}

const PATHS_FROM_NOW = "Changes apply to paths generated from now on: the current path and the already announced next path stay as they are.";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-4">
      <h2 className="text-base font-semibold">{title}</h2>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </section>
  );
}
