import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { log } from "@/lib/log";
import { authConfig, withSecret } from "./auth.config";
import { verifyAdminCredentials } from "./verify-admin";

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
      async authorize(credentials) {
        const parsed = loginSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const admin = await verifyAdminCredentials(getDb(), parsed.data.username, parsed.data.password);
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
