import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPendingUsage, MAX_REPORT_SPAN_MS, MAX_USERS_PER_REPORT, PendingUsage, savePendingUsage } from "./pending-usage";

const traffic = (email: string, uplinkBytes: number, downlinkBytes: number) => ({ email, uplinkBytes, downlinkBytes });
const T0 = new Date("2026-06-01T00:00:00Z");
/** A read `seconds` after T0. */
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("PendingUsage", () => {
  it("adds deltas into the open report until it is sent, then into a new one", () => {
    const pending = new PendingUsage();
    pending.add([traffic("user-1@rotor", 10, 20)], at(0));
    pending.add([traffic("user-1@rotor", 1, 2), traffic("user-2@rotor", 0, 5)], at(60));
    const first = pending.next()!;
    expect(first.reportId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(first.users).toEqual([traffic("user-1@rotor", 11, 22), traffic("user-2@rotor", 0, 5)]);
    // Every byte in it was served by its last read.
    expect(first.readAt).toBe(at(60).toISOString());

    // Sent once, the report is frozen: a retry carries the same id, bytes and read time.
    pending.add([traffic("user-1@rotor", 100, 200)], at(120));
    expect(pending.next()).toEqual(first);
    expect(pending.size).toBe(2);
    pending.settle(first.reportId);
    const second = pending.next()!;
    expect(second.reportId).not.toBe(first.reportId);
    expect(second.users).toEqual([traffic("user-1@rotor", 100, 200)]);
    expect(second.readAt).toBe(at(120).toISOString());
    pending.settle(second.reportId);
    expect(pending.next()).toBeUndefined();
  });

  it("skips all-zero entries and splits reports at the panel's limit", () => {
    const pending = new PendingUsage();
    pending.add([traffic("user-1@rotor", 0, 0)], at(0));
    expect(pending.size).toBe(0);
    pending.add(Array.from({ length: MAX_USERS_PER_REPORT + 1 }, (_, index) => traffic(`user-${index + 1}@rotor`, 1, 1)), at(0));
    expect(pending.size).toBe(2);
    expect(pending.next()!.users).toHaveLength(MAX_USERS_PER_REPORT);
  });

  it("while the panel is away, starts a new report every MAX_REPORT_SPAN_MS, so each read time stays close to its traffic", () => {
    const pending = new PendingUsage();
    pending.add([traffic("user-1@rotor", 1, 1)], at(0));
    pending.next(); // being retried, frozen
    const everyMinute = MAX_REPORT_SPAN_MS / 60_000;
    for (let minute = 1; minute <= 3 * everyMinute; minute += 1) pending.add([traffic("user-1@rotor", 1, 1)], at(minute * 60));
    // One frozen report, then the outage's reads in reports spanning at most MAX_REPORT_SPAN_MS each.
    expect(pending.size).toBe(4);
    const json = pending.toJSON().reports;
    expect(json.map((report) => report.users[0]!.uplinkBytes)).toEqual([1, everyMinute + 1, everyMinute + 1, everyMinute - 2]);
    expect(json.map((report) => report.readAt)).toEqual([at(0), at((everyMinute + 1) * 60), at((2 * everyMinute + 2) * 60), at(3 * everyMinute * 60)].map((date) => date.toISOString()));
  });
});

describe("pending usage state file", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "rotor-usage-state-"));
    file = path.join(dir, "inbounds.json.usage-pending.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("round-trips the reports with their ids (private to the agent's user), and is removed once nothing is pending", async () => {
    const pending = new PendingUsage();
    pending.add([traffic("user-1@rotor", 10, 20)], at(0));
    const report = pending.next()!;
    await savePendingUsage(file, pending);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const loaded = await loadPendingUsage(file);
    expect(loaded.next()).toEqual(report);
    // A loaded report may have been sent before the restart: new traffic never joins it.
    loaded.add([traffic("user-1@rotor", 1, 1)], at(60));
    expect(loaded.size).toBe(2);

    loaded.settle(report.reportId);
    loaded.settle(loaded.next()!.reportId);
    await savePendingUsage(file, loaded);
    expect(existsSync(file)).toBe(false);
    expect((await loadPendingUsage(file)).size).toBe(0);
  });

  it("loads a state file from before read times, whose reports go without one", async () => {
    writeFileSync(file, JSON.stringify({ version: 1, reports: [{ reportId: "report-0001", users: [traffic("user-1@rotor", 1, 2)] }] }));
    expect((await loadPendingUsage(file)).next()).toEqual({ reportId: "report-0001", users: [traffic("user-1@rotor", 1, 2)] });
  });

  it("refuses a state file it did not write", async () => {
    writeFileSync(file, JSON.stringify({ version: 1, reports: [{ reportId: "x", users: [] }] }));
    await expect(loadPendingUsage(file)).rejects.toThrow(/not a usage state file/);
    expect(readFileSync(file, "utf8")).toContain('"x"');
  });
});
