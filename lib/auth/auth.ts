import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { authConfig, withSecret } from "./auth.config";
import { clientIp } from "@/lib/http/client-ip";
import { loginRetryAfterMs, recordLoginAttempt } from "./login-throttle";
import { verifyAdminCredentials } from "./verify-admin";

/** Refused without checking the password: too many recent failures for this username or IP. */
export class LoginThrottled extends CredentialsSignin {
  override code = "throttled";
}

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username").max(64),
  password: z.string().min(1, "Enter your password").max(256),
});

export const { auth, signIn, signOut, handlers } = NextAuth(
  withSecret({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const db = getDb();
        const source = { username: parsed.data.username, ip: clientIp(request.headers) };
        const now = new Date();
        // Checked here too, not only in the login form's action: this endpoint can be posted to directly.
        if (loginRetryAfterMs(db, source, now) > 0) throw new LoginThrottled();
        const admin = await verifyAdminCredentials(db, parsed.data.username, parsed.data.password);
        recordLoginAttempt(db, source, admin !== null, now);
        return admin && { id: String(admin.id), name: admin.username, role: admin.role };
      },
    }),
  ],
  logger: {
    // A wrong password is an expected outcome, not an error with a stack trace.
    // Compare `type`: class names are minified in production builds.
    error(error) {
      if ((error as { type?: string }).type === CredentialsSignin.type) return;
      log.error("auth error", { message: error.message });
    },
  },
  }),
);
