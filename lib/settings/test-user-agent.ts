import "server-only";
import type { Db } from "@/lib/db/client";
import { loadUserAgentRules } from "@/lib/subscription/catalog";
import type { SubscriptionFormat } from "@/lib/subscription/types";
import { createFormatDetector, type FormatDecision } from "@/lib/subscription/user-agent";
import { parseInput } from "@/lib/validation";
import { testUserAgentSchema } from "./schema";

/** What a browser sends: enough for the detector, which only looks for text/html. */
export const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

export interface UserAgentTestResult {
  format: SubscriptionFormat;
  by: FormatDecision["by"];
  /** The rule that matched, when one did. */
  rule: { id: number; position: number; prefix: string } | null;
}

/**
 * Which format /sub would pick for this User-Agent: the stored rules, read in /sub's order, go
 * through the same detector /sub builds, so the answer is /sub's (format overrides aside).
 */
export function testUserAgent(db: Db, input: unknown): UserAgentTestResult {
  const { userAgent, acceptsHtml } = parseInput(testUserAgentSchema, input);
  const rules = loadUserAgentRules(db);
  const decision = createFormatDetector(rules).explain(userAgent, acceptsHtml ? BROWSER_ACCEPT : "*/*");
  const rule = decision.ruleIndex === null ? undefined : rules[decision.ruleIndex];
  return { format: decision.format, by: decision.by, rule: rule ? { id: rule.id, position: rule.position, prefix: rule.prefix } : null };
}
