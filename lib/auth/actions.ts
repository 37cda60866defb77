"use server";

import { headers } from "next/headers";
import { AuthError, type CredentialsSignin } from "next-auth";
import { getDb } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { auth, loginSchema, signIn, signOut } from "./auth";
import { SESSION_MAX_AGE_SECONDS } from "./auth.config";
import { loginRetryAfterMs, throttledMessage } from "./login-throttle";
import { revokeSession } from "./session-revocation";

export interface LoginState {
  message?: string;
  fieldErrors?: { username?: string; password?: string };
}

/** Only same-site paths: a crafted ?callbackUrl must not send an admin elsewhere after sign-in. */
function safeRedirect(target: FormDataEntryValue | null): string {
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//") ? target : "/";
}

export async function authenticate(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({ username: formData.get("username"), password: formData.get("password") });
  if (!parsed.success) {
    const errors = parsed.error.flatten().fieldErrors;
    return { fieldErrors: { username: errors.username?.[0], password: errors.password?.[0] } };
  }
  const source = { username: parsed.data.username, ip: clientIp(await headers()) };
  const locked = () => loginRetryAfterMs(getDb(), source, new Date());
  if (locked() > 0) return { message: throttledMessage(locked()) };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(formData.get("redirectTo")) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.type !== "CredentialsSignin") return { message: "Sign-in failed. Try again." };
      // This failure may have been the one that locks further attempts: say so now.
      const retryAfterMs = (error as CredentialsSignin).code === "throttled" ? Math.max(locked(), 1) : locked();
      return { message: retryAfterMs > 0 ? throttledMessage(retryAfterMs) : "Wrong username or password." };
    }
    throw error; // signIn's redirect on success is thrown too
  }
}

/** Voids this session for good (see session-revocation.ts), then clears its cookie. */
export async function signOutAction(): Promise<void> {
  const session = await auth();
  // Refused for as long as any copy of the cookie could still be valid: a full session lifetime from now.
  if (session?.user?.sessionId) revokeSession(getDb(), session.user.sessionId, new Date(Date.now() + (SESSION_MAX_AGE_SECONDS + 60) * 1000));
  await signOut({ redirectTo: "/login" });
}
