import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries } from "@/lib/db/schema";
import type { ClaimedDelivery } from "./claim-deliveries";
import { MAX_DELIVERY_AGE_MS, retryDelayMs } from "./backoff";
import { hasUserinfo, redactUserinfo } from "./redact-userinfo";
import { signWebhookBody } from "./signature";

/** What one POST came to. */
export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string;
}

export const SEND_TIMEOUT_MS = 10_000;

/** One signed POST: the target, the body, and what the headers name. */
export interface SignedRequest {
  url: string;
  secret: string;
  payload: string;
  event: string;
  eventId: string;
  /** The delivery's number in the log ("0" for a test ping, which is not logged). */
  deliveryId: string;
}

/** The request headers of a delivery; only the body is signed (docs/webhooks.md, Signature). */
export function deliveryHeaders(request: Omit<SignedRequest, "url">): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Rotor-Webhooks/1",
    "x-rotor-event": request.event,
    "x-rotor-event-id": request.eventId,
    "x-rotor-delivery": request.deliveryId,
    "x-rotor-signature": signWebhookBody(request.secret, request.payload),
  };
}

function describeError(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `no response within ${timeoutMs / 1000} s`;
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
  return detail ? `${error.message}: ${detail}` : error.message;
}

/** POSTs one delivery; never follows a redirect (a 3xx is a failed attempt). 2xx counts as delivered. */
export function sendDelivery(delivery: ClaimedDelivery, timeoutMs: number = SEND_TIMEOUT_MS): Promise<SendResult> {
  return postSigned({ ...delivery, deliveryId: String(delivery.id) }, timeoutMs);
}

/** POSTs a signed body and says how it went; never throws. Its error text never carries a URL's userinfo. */
export async function postSigned(request: SignedRequest, timeoutMs: number = SEND_TIMEOUT_MS): Promise<SendResult> {
  // A webhook saved before such URLs were refused: fetch would refuse it too, quoting the password.
  if (hasUserinfo(request.url)) return { ok: false, status: null, error: "the URL contains a user name or password, which is not sent: edit the webhook to remove it" };
  try {
    const response = await fetch(request.url, {
      method: "POST",
      headers: deliveryHeaders(request),
      body: request.payload,
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: "" };
    const redirect = response.status >= 300 && response.status < 400 ? " (redirects are not followed)" : "";
    return { ok: false, status: response.status, error: `HTTP ${response.status}${redirect}` };
  } catch (error) {
    return { ok: false, status: null, error: redactUserinfo(describeError(error, timeoutMs)).slice(0, 500) };
  }
}

/**
 * Writes the outcome of an attempt, if this worker still holds the row's lease: delivered, or
 * due again after the backoff, or `failed` once the next try would fall past MAX_DELIVERY_AGE_MS
 * after it was queued (not counting time its webhook was disabled).
 */
export function recordAttempt(db: Db, delivery: ClaimedDelivery, result: SendResult, options: { now: Date; retryBaseMs: number; random?: number }): "delivered" | "pending" | "failed" {
  const { now } = options;
  const attempts = delivery.attempts + 1;
  const common = { attempts, lastAttemptAt: now, responseStatus: result.status, lastError: result.error, lockedUntil: null };
  const owned = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.lockedUntil, delivery.lease));
  if (result.ok) {
    db.update(webhookDeliveries).set({ ...common, status: "delivered", deliveredAt: now }).where(owned).run();
    return "delivered";
  }
  const next = new Date(now.getTime() + retryDelayMs(attempts, options.retryBaseMs, options.random));
  // Time its webhook spent disabled does not count: a paused webhook's deliveries wait, not expire.
  const age = next.getTime() - delivery.createdAt.getTime() - delivery.pausedMs;
  const status = age > MAX_DELIVERY_AGE_MS ? "failed" : "pending";
  db.update(webhookDeliveries).set({ ...common, status, nextAttemptAt: next }).where(owned).run();
  return status;
}
