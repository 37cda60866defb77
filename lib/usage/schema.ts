import { z } from "zod";

/** The most entries one report may carry (an edge with more users sends several reports). */
export const MAX_USAGE_ENTRIES = 10_000;

/** 10,000 entries at their longest (two 16-digit counters each) are ~1.1 MB; pretty-printed a little more. */
export const MAX_USAGE_BODY_BYTES = 2 * 1024 * 1024;

const byteCount = z
  .number({ error: "must be a whole number of bytes" })
  .int("must be a whole number of bytes")
  .min(0, "must be 0 or more")
  .max(Number.MAX_SAFE_INTEGER, "must be a safe integer");

export const usageEntrySchema = z.strictObject({
  /** The stats name the edge's core carries: `user-<id>@rotor` (edge-users.ts); others are skipped. */
  email: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters"),
  uplinkBytes: byteCount,
  downlinkBytes: byteCount,
});

/** POST /api/edge/usage: traffic since the edge's previous report, per user. */
export const usageReportSchema = z.strictObject({
  /** Chosen by the edge, kept when it retries the same report: a retry is answered, never counted again. */
  reportId: z.string({ error: "must be a string" }).regex(/^[A-Za-z0-9_-]{8,64}$/, "must be 8-64 letters, digits, '_' or '-'"),
  users: z.array(usageEntrySchema).max(MAX_USAGE_ENTRIES, `must hold at most ${MAX_USAGE_ENTRIES.toLocaleString("en-US")} entries`),
  /**
   * When the edge read the last counters in the report: every byte in it was served by then.
   * Traffic read before a user's last reset counts only toward their lifetime. Without it (older
   * agents) the report counts as read when it arrives.
   */
  readAt: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time" }).optional(),
});

export type UsageReport = z.output<typeof usageReportSchema>;

export const usageResultSchema = z.object({
  reportId: z.string(),
  /** True when this edge sent this report id before: nothing was counted this time. */
  duplicate: z.boolean(),
  /** Entries applied to existing users (unknown, foreign and deleted users are skipped). */
  counted: z.number().int(),
});

export type UsageResult = z.output<typeof usageResultSchema>;
