import { Counter, Histogram, type Registry } from "prom-client";
import { SUBSCRIPTION_FORMATS } from "@/lib/subscription/types";

/** Every status /sub answers with; children for these are bound once, at start. */
const STATUSES = [200, 303, 304, 400, 403, 404, 429, 500, 503] as const;
/** The format label of a response decided before (or without) a format: unknown token, 429, bad ?format=. */
export const NO_FORMAT = "none";

type Child = { inc: () => void };

/**
 * rotor_subscription_requests_total{format,status} and rotor_subscription_duration_seconds.
 * Recorded on every /sub request, so the counter's children are bound once per (format, status)
 * and looked up through two small maps: no label object is built per request.
 */
export class SubscriptionMetrics {
  private readonly requests: Counter<"format" | "status">;
  private readonly duration: Histogram;
  private readonly children = new Map<string, Map<number, Child>>();

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: "rotor_subscription_requests_total",
      help: "GET /sub requests answered by this instance, by format served and HTTP status.",
      labelNames: ["format", "status"],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: "rotor_subscription_duration_seconds",
      help: "Time to answer GET /sub in the route handler (lookup, render, headers), in seconds.",
      // The handler takes ~30-200 µs; the upper buckets catch event-loop stalls (GC, SQLite locks).
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers: [registry],
    });
    for (const format of [...SUBSCRIPTION_FORMATS, NO_FORMAT]) {
      for (const status of STATUSES) this.child(format, status);
    }
  }

  /** One answered request: `format` as served (NO_FORMAT when none was chosen). */
  record(format: string, status: number, seconds: number): void {
    (this.children.get(format)?.get(status) ?? this.child(format, status)).inc();
    this.duration.observe(seconds);
  }

  private child(format: string, status: number): Child {
    let byStatus = this.children.get(format);
    if (!byStatus) {
      byStatus = new Map();
      this.children.set(format, byStatus);
    }
    const child = this.requests.labels(format, String(status));
    // Pre-bound children start at 0, so every series exists from the first scrape.
    child.inc(0);
    byStatus.set(status, child);
    return child;
  }
}
