import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { currentAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentAdmin()) redirect(callbackPath(callbackUrl));
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Rotor</h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">Admins only. Users open their subscription link.</p>
        <LoginForm redirectTo={callbackPath(callbackUrl)} />
      </div>
    </main>
  );
}

/** next-auth passes an absolute callbackUrl; keep its path so sign-in never leaves this site. */
function callbackPath(callbackUrl: string | undefined): string {
  if (!callbackUrl) return "/";
  const url = new URL(callbackUrl, "http://panel.invalid");
  return `${url.pathname}${url.search}`;
}
