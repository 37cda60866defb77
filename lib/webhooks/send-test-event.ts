import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { webhooks } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { postSigned, type SendResult } from "./deliver";
import { webhookIdSchema } from "./schema";

/** The event name of a test ping; never queued, never retried, not in the delivery log. */
export const TEST_EVENT = "webhook.test";

/**
 * POSTs a signed `webhook.test` event to a webhook now, while the owner waits, so they can check
 * the URL and their signature check before real events flow. Disabled webhooks may be tested too.
 */
export async function sendTestEvent(db: Db, input: unknown, options: { actor: string; now?: Date }): Promise<SendResult & { url: string }> {
  const { webhookId } = parseInput(z.object({ webhookId: webhookIdSchema }), input);
  const webhook = db.select().from(webhooks).where(eq(webhooks.id, webhookId)).get();
  if (!webhook) throw new AppError("not_found", `webhook ${webhookId} does not exist`);
  const eventId = randomUUID();
  const payload = JSON.stringify({ id: eventId, event: TEST_EVENT, createdAt: (options.now ?? new Date()).toISOString(), data: { webhookId, actor: options.actor } });
  const result = await postSigned({ url: webhook.url, secret: webhook.secret, payload, event: TEST_EVENT, eventId, deliveryId: "0" });
  return { ...result, url: webhook.url };
}
