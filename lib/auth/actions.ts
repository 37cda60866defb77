"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "./auth";
import { loginSchema } from "./auth";

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
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(formData.get("redirectTo")) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      return { message: error.type === "CredentialsSignin" ? "Wrong username or password." : "Sign-in failed. Try again." };
    }
    throw error; // signIn's redirect on success is thrown too
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
