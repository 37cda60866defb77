import type { SubscriptionHost } from "@/lib/subscription/types";

/** A REALITY X25519 public key in the form share links carry. */
export const REALITY_PUBLIC_KEY = "Z84J2IelR9ch3k8VtlVhhs5ycBUlXA7wHBWcBrjqnAw";

/** A ws + tls host with every optional field empty, for renderer tests to override. */
export function sampleHost(fields: Partial<SubscriptionHost> = {}): SubscriptionHost {
  return {
    id: 1,
    name: "de",
    address: "de.example.com",
    port: 443,
    transport: "ws",
    security: "tls",
    sni: "",
    hostHeader: "",
    fingerprint: "chrome",
    alpn: "",
    realityPublicKey: "",
    realityShortId: "",
    realitySpiderX: "",
    path: "/api/Ab3dEf",
    remark: "de · alice",
    ...fields,
  };
}

/** Every optional host field set, so each renderer case shows which fields its format uses. */
export const EVERY_OPTIONAL_FIELD = {
  sni: "sni.example.com",
  hostHeader: "cdn.example.com",
  fingerprint: "firefox",
  alpn: "h2,http/1.1",
  realityPublicKey: REALITY_PUBLIC_KEY,
  realityShortId: "0123",
  realitySpiderX: "/",
} as const;
