"use client";

import { useActionState } from "react";
import { authenticate, type LoginState } from "@/lib/auth/actions";

const inputClass =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 dark:border-zinc-700 dark:bg-zinc-950";

export function LoginForm({ redirectTo }: { redirectTo: string }) {
  const [state, formAction, pending] = useActionState<LoginState, FormData>(authenticate, {});
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <div>
        <label htmlFor="username" className="block text-sm font-medium">
          Username
        </label>
        <input id="username" name="username" autoComplete="username" required className={inputClass}
          aria-invalid={Boolean(state.fieldErrors?.username)} aria-describedby="username-error" />
        <p id="username-error" className="mt-1 text-sm text-red-600 dark:text-red-400">{state.fieldErrors?.username}</p>
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass}
          aria-invalid={Boolean(state.fieldErrors?.password)} aria-describedby="password-error" />
        <p id="password-error" className="mt-1 text-sm text-red-600 dark:text-red-400">{state.fieldErrors?.password}</p>
      </div>
      {state.message && (
        <p role="status" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending}
        className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
