import NextAuth from "next-auth";
import { authConfig, withSecret } from "@/lib/auth/auth.config";

/** Optimistic redirect of signed-out visitors to /login; pages and actions still check the session. */
export default NextAuth(withSecret(authConfig)).auth;

export const config = {
  matcher: ["/((?!api/|sub/|healthz|readyz|metrics|_next/|favicon.ico|.*\\.(?:svg|png|ico|webp)$).*)"],
};
