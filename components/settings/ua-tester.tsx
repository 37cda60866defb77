"use client";

import { useActionState, useState } from "react";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/lib/admin/admin-action";
import type { UserAgentTestResult } from "@/lib/settings/test-user-agent";

type TesterState = ActionState & { result?: UserAgentTestResult };

/** Which format /sub would answer a User-Agent with, and which rule decided (the same detector /sub uses). */
export function UaTester({ test }: { test: (state: TesterState, formData: FormData) => Promise<TesterState> }) {
  // Controlled, so the tested values stay in the form after each test.
  const [userAgent, setUserAgent] = useState("");
  const [acceptsHtml, setAcceptsHtml] = useState(false);
  const [state, formAction] = useActionState(test, {});
  const error = state.fieldErrors?.userAgent;
  return (
    <form action={formAction} noValidate aria-labelledby="tester-heading" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 id="tester-heading" className="font-medium">
        Test a User-Agent
      </h3>
      <Field name="userAgent" label="User-Agent" error={error} hint="Paste what a client sends, e.g. “v2rayNG/1.9.45” or “HiddifyNext/2.5.7 (android)”.">
        <input {...controlProps("userAgent", error, true)} value={userAgent} onChange={(event) => setUserAgent(event.target.value)} className={`${INPUT_CLASS} font-mono`} autoComplete="off" spellCheck={false} />
      </Field>
      <div className="flex items-center gap-2">
        <input id="acceptsHtml" name="acceptsHtml" type="checkbox" checked={acceptsHtml} onChange={(event) => setAcceptsHtml(event.target.checked)} className="size-4 rounded border-zinc-300 text-indigo-600 focus:ring-indigo-500 dark:border-zinc-700" />
        <label htmlFor="acceptsHtml" className="text-sm">
          Browser request (Accept: text/html)
        </label>
      </div>
      <SubmitButton pendingLabel="Testing…">Test</SubmitButton>
      <output htmlFor="userAgent acceptsHtml" aria-live="polite" className="block text-sm">
        {state.result ? <Verdict result={state.result} /> : state.message && <span className="text-red-700 dark:text-red-300">{state.message}</span>}
      </output>
    </form>
  );
}

function Verdict({ result }: { result: UserAgentTestResult }) {
  return (
    <span className="block rounded-md bg-indigo-50 px-3 py-2 text-indigo-950 dark:bg-indigo-950 dark:text-indigo-100">
      Format: <strong>{result.format}</strong>
      {" — "}
      {result.rule
        ? `rule #${result.rule.position} “${result.rule.prefix}” matched.`
        : result.by === "accept-html"
          ? "no rule matched; a request that accepts text/html gets the subscription page."
          : "no rule matched; the default for unknown clients."}
    </span>
  );
}
