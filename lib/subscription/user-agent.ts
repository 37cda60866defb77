import type { SubscriptionFormat } from "./types";

export interface UserAgentRule {
  /** Matched case-insensitively at the start of the User-Agent (formats.md: anchored). */
  prefix: string;
  format: SubscriptionFormat;
}

/** Why a request got its format: the index of the rule that matched (in the order given), or the fallback taken. */
export type FormatDecision =
  | { format: SubscriptionFormat; by: "rule"; ruleIndex: number }
  | { format: SubscriptionFormat; by: "accept-html" | "default"; ruleIndex: null };

/** Rules prepared once for the hot path: lower-cased prefixes, in order. */
export interface FormatDetector {
  detect: (userAgent: string | null, accept: string | null) => SubscriptionFormat;
  /** The same decision as `detect`, saying what made it (the admin's User-Agent tester shows this). */
  explain: (userAgent: string | null, accept: string | null) => FormatDecision;
}

/**
 * The format a client gets by default (formats.md, "Choosing the format by User-Agent"): the
 * first rule whose prefix starts the User-Agent, most specific first; else `html` for a
 * request that accepts text/html; else base64, which every client imports.
 */
export function createFormatDetector(rules: readonly UserAgentRule[]): FormatDetector {
  const prepared = rules.map((rule) => ({ prefix: rule.prefix.toLowerCase(), format: rule.format }));
  // detect and explain share this one matcher, so the tester can never disagree with /sub.
  const matchingRule = (userAgent: string | null): number => {
    const agent = (userAgent ?? "").trimStart().toLowerCase();
    return agent ? prepared.findIndex((rule) => agent.startsWith(rule.prefix)) : -1;
  };
  const fallback = (accept: string | null): SubscriptionFormat => (accept?.includes("text/html") ? "html" : "base64");
  return {
    detect(userAgent, accept) {
      const index = matchingRule(userAgent);
      return index >= 0 ? prepared[index]!.format : fallback(accept);
    },
    explain(userAgent, accept) {
      const index = matchingRule(userAgent);
      if (index >= 0) return { format: prepared[index]!.format, by: "rule", ruleIndex: index };
      const format = fallback(accept);
      return { format, by: format === "html" ? "accept-html" : "default", ruleIndex: null };
    },
  };
}
