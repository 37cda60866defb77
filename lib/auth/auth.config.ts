import type { NextAuthConfig } from "next-auth";
import type { AdminRole } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { resolveAuthSecret } from "./secret";

/** A session lasts this long after its last use (the cookie is re-issued as it is used). */
export const SESSION_MAX_AGE_SECONDS = 12 * 3600;

/** Paths anyone may open; everything else in the panel needs a session. */
export const PUBLIC_PAGES = ["/login"];

/**
 * The provider-free half of the next-auth config, safe for proxy.ts: it only decodes the
 * session cookie. The Credentials provider, which needs the database, is added in auth.ts.
 * The secret is added per request (withSecret) so that `next build` never creates one.
 */
export const authConfig = {
  // Behind a reverse proxy the panel's host comes from the request (AUTH_URL overrides it).
  trustHost: true,
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  providers: [],
  callbacks: {
    authorized({ auth, request: { nextUrl } }) {
      const signedIn = Boolean(auth?.user);
      // The login page itself sends a signed-in admin on; only it can tell (from the database)
      // whether the cookie's admin still exists, which avoids a redirect loop for a deleted one.
      if (PUBLIC_PAGES.includes(nextUrl.pathname)) return true;
      return signedIn;
    },
    jwt({ token, user }) {
      if (user) {
        token.adminId = Number(user.id);
        token.role = user.role;
        // Kept through every re-issue of the cookie, so a sign-out can void exactly this session.
        token.sessionId = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      session.user.adminId = token.adminId;
      session.user.role = token.role;
      session.user.sessionId = token.sessionId;
      return session;
    },
  },
} satisfies NextAuthConfig;

/** A lazy next-auth config: the secret is resolved at the first request, never at build time. */
export function withSecret<T extends NextAuthConfig>(config: T): () => T {
  return () => ({ ...config, secret: resolveAuthSecret(getEnv()) });
}

declare module "next-auth" {
  interface User {
    role: AdminRole;
  }
  interface Session {
    user: { adminId: number; role: AdminRole; sessionId: string; name?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    adminId: number;
    role: AdminRole;
    sessionId: string;
  }
}
