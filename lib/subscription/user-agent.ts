import type { SubscriptionFormat } from "./types";

export interface UserAgentRule {
  /** Matched case-insensitively at the start of the User-Agent (formats.md: anchored). */
  prefix: string;
  format: SubscriptionFormat;
}

/** Rules prepared once for the hot path: lower-cased prefixes, in order. */
export interface FormatDetector {
  detect: (userAgent: string | null, accept: string | null) => SubscriptionFormat;
}

/**
 * The format a client gets by default (formats.md, "Choosing the format by User-Agent"): the
 * first rule whose prefix starts the User-Agent, most specific first; else `html` for a
 * request that accepts text/html; else base64, which every client imports.
 */
export function createFormatDetector(rules: readonly UserAgentRule[]): FormatDetector {
  const prepared = rules.map((rule) => ({ prefix: rule.prefix.toLowerCase(), format: rule.format }));
  return {
    detect(userAgent, accept) {
      const agent = (userAgent ?? "").trimStart().toLowerCase();
      if (agent) for (const rule of prepared) if (agent.startsWith(rule.prefix)) return rule.format;
      return accept?.includes("text/html") ? "html" : "base64";
    },
  };
}
