import { z } from "zod";
import { DELIVERY_STATUSES, WEBHOOK_EVENTS } from "@/lib/db/schema";
import { oneOf } from "@/lib/validation";
import { hasUserinfo } from "./redact-userinfo";

/** An id from a form field or a query string. */
export const webhookIdSchema = z.coerce
  .number({ error: "must be an id" })
  .int("must be an id")
  .positive("must be an id")
  .max(Number.MAX_SAFE_INTEGER, "must be an id");

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(2000, "must be at most 2000 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL, e.g. https://hooks.example.com/rotor" }))
  // fetch refuses URLs with userinfo, and its error would quote (and so store and show) the password.
  // (A pipe, so a URL that is not http(s) gets that one message only.)
  .pipe(z.string().refine((url) => !hasUserinfo(url), "must not contain a user name or password (user:password@); receivers check X-Rotor-Signature instead"));

/** A new webhook (the admin form; shared with any future API). */
export const createWebhookSchema = z.object({
  url: webhookUrlSchema,
  events: z
    .array(oneOf(WEBHOOK_EVENTS))
    .min(1, "pick at least one event")
    .transform((events) => WEBHOOK_EVENTS.filter((event) => events.includes(event))),
  description: z.string().trim().max(200, "must be at most 200 characters").default(""),
});

export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

/** An edit replaces the URL, the events and the description (the form sends all three). */
export const updateWebhookSchema = createWebhookSchema.extend({ webhookId: webhookIdSchema });

/** Enabled as a boolean, or as the "true"/"false" of a form field. */
export const setWebhookEnabledSchema = z.object({
  webhookId: webhookIdSchema,
  enabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")], { error: "must be true or false" }),
});

/** The delivery log's filters and page, from the query string; bad values fall back to "all". */
export const deliveryQuerySchema = z.object({
  status: oneOf(DELIVERY_STATUSES).optional().catch(undefined),
  webhookId: webhookIdSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type DeliveryQuery = z.output<typeof deliveryQuerySchema>;
