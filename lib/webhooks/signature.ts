import { createHmac } from "node:crypto";
import { generateToken, secretsMatch } from "@/lib/util/tokens";

/** Prefix that tells a webhook secret apart from API (`rtr_`) and edge (`rte_`) tokens. */
export const WEBHOOK_SECRET_PREFIX = "rwh_";

/** A fresh signing secret: 32 random bytes from the OS CSPRNG, base64url, prefixed. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${generateToken(32)}`;
}

/**
 * The `X-Rotor-Signature` value of a body: `sha256=` + hex HMAC-SHA256 keyed with the secret's
 * UTF-8 bytes over the exact body bytes (docs/webhooks.md shows a receiver's check).
 */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** Whether `signature` is the body's signature under `secret`, compared in constant time. */
export function verifyWebhookSignature(secret: string, body: string, signature: string): boolean {
  return secretsMatch(signWebhookBody(secret, body), signature);
}
