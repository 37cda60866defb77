import "server-only";
import { getEnv } from "@/lib/env";

/** Where the panel is reached, for subscription URLs: PUBLIC_URL, else the request's own origin. */
export function panelBaseUrl(headers: Headers): string {
  return getEnv().PUBLIC_URL ?? `${headers.get("x-forwarded-proto") ?? "http"}://${headers.get("host") ?? "localhost"}`;
}
