import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhookBody, verifyWebhookSignature, WEBHOOK_SECRET_PREFIX } from "./signature";

describe("webhook signatures", () => {
  it("is sha256= and the hex HMAC-SHA256 of the exact body, as a receiver computes it independently", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ id: "e1", event: "user.created", createdAt: "2026-01-01T00:00:00.000Z", data: { note: "ünïcode" } });
    const independent = createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(body, "utf8")).digest("hex");
    expect(signWebhookBody(secret, body)).toBe(`sha256=${independent}`);
    expect(verifyWebhookSignature(secret, body, `sha256=${independent}`)).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, `sha256=${independent}`)).toBe(false);
    expect(verifyWebhookSignature(generateWebhookSecret(), body, `sha256=${independent}`)).toBe(false);
  });

  it("generates distinct prefixed secrets carrying 32 random bytes", () => {
    const secret = generateWebhookSecret();
    expect(secret.startsWith(WEBHOOK_SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), "base64url")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });
});
