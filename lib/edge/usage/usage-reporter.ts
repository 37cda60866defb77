import { log } from "@/lib/log";
import { DEFAULT_RETRY, EdgeTokenRefusedError, describe, panelRequest, sleep, type PanelConnection, type RetryPolicy } from "../panel-client";
import { loadPendingUsage, savePendingUsage, type PendingUsage, type UsageReport } from "./pending-usage";
import { readUsageAnswer } from "./usage-answer";
import { ROTOR_TRAFFIC_PATTERN, userTrafficFromStats } from "./user-traffic";

export interface UsageReporterOptions extends PanelConnection {
  /** Reads and zeroes the core's counters (XrayApiClient.queryStats). */
  queryStats: (request: { pattern: string; reset: boolean }) => Promise<Array<{ name: string; value: number }>>;
  intervalMs: number;
  /** Pending reports survive a restart here (the core's counters were already reset). */
  stateFile: string;
  retry?: RetryPolicy;
}

/** A usage reporter with the pending reports an earlier run left, loaded before anything can drain into it. */
export async function openUsageReporter(options: UsageReporterOptions): Promise<UsageReporter> {
  const pending = await loadPendingUsage(options.stateFile);
  if (pending.size > 0) log.info("edge-agent: resuming pending usage reports", { reports: pending.size, state: options.stateFile });
  return new UsageReporter(options, pending);
}

/**
 * The traffic half of the edge agent: every interval, takes the per-user counters from the core
 * (reset in the same call), adds them to the pending reports, saves those, and posts them to
 * POST /api/edge/usage one by one. A report is retried under the same id until the panel confirms
 * it (a duplicate answer is a confirmation), so it is never counted twice; only the panel's
 * `invalid_request` drops it (readUsageAnswer).
 */
export class UsageReporter {
  private readonly retry: RetryPolicy;
  private saving: Promise<void> = Promise.resolve();
  /** Collections run one at a time; run() waits for the last, whose counters the core has already zeroed. */
  private collecting: Promise<void> = Promise.resolve();
  private wake: () => void = () => {};

  constructor(
    private readonly options: UsageReporterOptions,
    private readonly pending: PendingUsage,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  async run(): Promise<void> {
    const { signal } = this.options;
    const timer = setInterval(() => void this.drain(), this.options.intervalMs);
    try {
      await this.send();
    } catch (error) {
      if (!signal.aborted) throw error;
    } finally {
      clearInterval(timer);
      await this.collecting;
      await this.saving;
    }
  }

  /**
   * Takes the counters into the pending reports now and saves them: every interval, and before the
   * agent restarts the core, which zeroes them. Never rejects: when the core cannot be read (its API
   * is down), that traffic is lost either way, and a restart must still go ahead.
   */
  drain(): Promise<void> {
    this.collecting = this.collecting.then(() => this.collect());
    return this.collecting;
  }

  /** Counters → pending → state file, then the sender is woken. */
  private async collect(): Promise<void> {
    try {
      const stats = await this.options.queryStats({ pattern: ROTOR_TRAFFIC_PATTERN, reset: true });
      const readAt = new Date();
      const traffic = userTrafficFromStats(stats);
      if (traffic.length === 0) return;
      this.pending.add(traffic, readAt);
      await this.save();
      this.wake();
    } catch (error) {
      log.warn("edge-agent: reading the core's traffic counters failed; trying again next interval", { error: describe(error) });
    }
  }

  private async send(): Promise<void> {
    const { signal } = this.options;
    let delayMs = this.retry.initialMs;
    while (!signal.aborted) {
      const report = this.pending.next();
      if (!report) {
        await this.nextCollection(signal);
        continue;
      }
      try {
        const outcome = await this.post(report);
        if (outcome !== "retry") {
          this.pending.settle(report.reportId);
          await this.save();
          delayMs = this.retry.initialMs;
          continue;
        }
      } catch (error) {
        if (error instanceof EdgeTokenRefusedError || signal.aborted) throw error;
        log.warn("edge-agent: posting usage failed; will retry the same report", { reportId: report.reportId, error: describe(error), retryInMs: delayMs });
      }
      await sleep(delayMs, signal);
      delayMs = Math.min(delayMs * 2, this.retry.maxMs);
    }
  }

  /** Resolves when a collection added traffic, or on abort. */
  private nextCollection(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        this.wake = () => {};
        resolve();
      };
      this.wake = done;
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private async post(report: UsageReport): Promise<"done" | "dropped" | "retry"> {
    const response = await panelRequest(this.options, "/api/edge/usage", { method: "POST", body: report });
    const text = await response.text();
    const answer = readUsageAnswer({ status: response.status, text }, report.reportId);
    switch (answer.outcome) {
      case "delivered":
        log.info("edge-agent: usage reported", { reportId: report.reportId, users: report.users.length, duplicate: answer.result.duplicate, counted: answer.result.counted });
        return "done";
      case "refused":
        log.error("edge-agent: the panel refused a usage report as invalid; dropping it", { reportId: report.reportId, users: report.users.length, error: answer.message });
        return "dropped";
      case "retry":
        log.warn("edge-agent: posting usage failed; will retry the same report", { reportId: report.reportId, why: answer.why, answer: text.slice(0, 200) });
        return "retry";
    }
  }

  /** One save at a time, in order, so the file always ends with the latest state. */
  private save(): Promise<void> {
    const next = this.saving.then(() => savePendingUsage(this.options.stateFile, this.pending));
    this.saving = next.catch((error: unknown) => log.warn("edge-agent: saving pending usage failed", { error: describe(error) }));
    return next;
  }
}
