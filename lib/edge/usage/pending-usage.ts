import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { z } from "zod";
import { readFileIfExists, writeFileAtomic } from "../atomic-write";
import type { UserTraffic } from "./user-traffic";

/** POST /api/edge/usage takes at most this many users per report. */
export const MAX_USERS_PER_REPORT = 10_000;

/** An open report takes new traffic for at most this long, so its readAt stays close to all of it. */
export const MAX_REPORT_SPAN_MS = 5 * 60_000;

const reportSchema = z.object({
  reportId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** When the last counters in it were read (ISO 8601); state files from before it have none. */
  readAt: z.iso.datetime().optional(),
  users: z.array(z.object({ email: z.string().min(1), uplinkBytes: z.number().int().min(0), downlinkBytes: z.number().int().min(0) })).max(MAX_USERS_PER_REPORT),
});
const stateSchema = z.object({ version: z.literal(1), reports: z.array(reportSchema) });

/** One POST /api/edge/usage body; its id makes a retried report count once. */
export type UsageReport = z.infer<typeof reportSchema>;

export function newReportId(): string {
  return randomUUID().replaceAll("-", "");
}

/**
 * Traffic the core has already handed over (its counters were reset) and the panel has not yet
 * confirmed, as a queue of reports. A report's content is frozen once it may have been sent, so a
 * retry under the same id is the same report; new traffic goes into the open last report or a new one.
 * Each report carries `readAt`, the time of the last read in it: every byte in it was served by then,
 * which lets the panel leave traffic from before a user's reset out of their new period.
 */
export class PendingUsage {
  private reports: UsageReport[];
  /** How many reports from the front are frozen (sent at least once, or loaded from disk). */
  private frozen: number;
  /** When the open report took its first traffic. */
  private openSince = 0;

  constructor(reports: UsageReport[] = []) {
    this.reports = reports;
    this.frozen = reports.length;
  }

  get size(): number {
    return this.reports.length;
  }

  /**
   * Adds the deltas read at `readAt`: to the open report while it has room and is younger than
   * MAX_REPORT_SPAN_MS, else to new reports (split at MAX_USERS_PER_REPORT).
   */
  add(traffic: readonly UserTraffic[], readAt: Date): void {
    // A long outage queues a report every few minutes rather than one spanning all of it.
    if (this.reports.length > this.frozen && readAt.getTime() - this.openSince > MAX_REPORT_SPAN_MS) this.frozen = this.reports.length;
    const stamp = readAt.toISOString();
    for (const entry of traffic) {
      if (entry.uplinkBytes === 0 && entry.downlinkBytes === 0) continue;
      let open = this.reports.length > this.frozen ? this.reports.at(-1) : undefined;
      const existing = open?.users.find((user) => user.email === entry.email);
      if (open && existing) {
        existing.uplinkBytes += entry.uplinkBytes;
        existing.downlinkBytes += entry.downlinkBytes;
        open.readAt = stamp;
        continue;
      }
      if (!open || open.users.length >= MAX_USERS_PER_REPORT) {
        open = { reportId: newReportId(), readAt: stamp, users: [] };
        // A full open report is frozen too: it will be sent as it is.
        this.frozen = this.reports.length;
        this.reports.push(open);
        this.openSince = readAt.getTime();
      }
      open.users.push({ ...entry });
      open.readAt = stamp;
    }
  }

  /** The report to send next, frozen from now on; undefined when nothing is pending. */
  next(): UsageReport | undefined {
    const report = this.reports[0];
    if (report) this.frozen = Math.max(this.frozen, 1);
    return report;
  }

  /** Drops the report (confirmed, or refused for good). */
  settle(reportId: string): void {
    const index = this.reports.findIndex((report) => report.reportId === reportId);
    if (index < 0) return;
    this.reports.splice(index, 1);
    if (index < this.frozen) this.frozen -= 1;
  }

  toJSON(): z.infer<typeof stateSchema> {
    return { version: 1, reports: this.reports };
  }
}

/** Loads the pending reports an earlier run left (none when the file is absent). */
export async function loadPendingUsage(file: string): Promise<PendingUsage> {
  const text = await readFileIfExists(file);
  if (text === null) return new PendingUsage();
  const parsed = stateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a usage state file: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return new PendingUsage(parsed.data.reports);
}

/** Replaces the state file atomically; removes it when nothing is pending. */
export async function savePendingUsage(file: string, pending: PendingUsage): Promise<void> {
  if (pending.size === 0) await rm(file, { force: true });
  else await writeFileAtomic(file, `${JSON.stringify(pending)}\n`, 0o600);
}
