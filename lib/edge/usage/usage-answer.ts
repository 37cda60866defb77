import { errorBodySchema } from "@/lib/http/error-schema";
import { usageResultSchema, type UsageResult } from "@/lib/usage/schema";

/** What an answer to POST /api/edge/usage means for the report it answered. */
export type UsageAnswer =
  /** The panel has it (counted now, or earlier under the same id): settle it. */
  | { outcome: "delivered"; result: UsageResult }
  /** The panel read it and can never take it: drop it, or it would block every later report. */
  | { outcome: "refused"; message: string }
  /** Anything else: send it again later under the same id. */
  | { outcome: "retry"; why: string };

/**
 * Only the panel's own words settle a report. Something in front of it answers too: a reverse
 * proxy's 400 (nginx's "Request Header Or Cookie Too Large") says nothing about the body, and a
 * captive portal's 200 is no delivery. So a 2xx counts only as the usage answer for this very
 * reportId, and only the panel's `invalid_request` error (its answer to a body it refuses) drops it.
 */
export function readUsageAnswer(answer: { status: number; text: string }, reportId: string): UsageAnswer {
  const json = parseJson(answer.text);
  if (answer.status >= 200 && answer.status < 300) {
    const result = usageResultSchema.safeParse(json);
    if (!result.success) return { outcome: "retry", why: `a ${answer.status} answer that is not the panel's usage answer` };
    if (result.data.reportId !== reportId) return { outcome: "retry", why: `a ${answer.status} answer for another report (${result.data.reportId})` };
    return { outcome: "delivered", result: result.data };
  }
  const error = errorBodySchema.safeParse(json);
  if (error.success && error.data.error.code === "invalid_request") return { outcome: "refused", message: error.data.error.message };
  return { outcome: "retry", why: error.success ? `the panel answered ${answer.status} ${error.data.error.code}` : `a ${answer.status} answer that is not the panel's` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
