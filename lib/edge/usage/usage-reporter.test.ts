import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { xrayConfig } from "@/lib/subscription/formats/xray";
import { httpGetThroughSocks, startOrigin, startV2rayClient, startV2rayServer, writeV2rayInbounds, type Origin, type V2rayClient, type V2rayProcess } from "@/test/support/edge-stack";
import { FakeEdgePanel, waitUntil } from "@/test/support/fake-edge-panel";
import { sampleHost } from "@/test/support/subscription-host";
import { EdgeTokenRefusedError } from "../panel-client";
import { XrayApiClient } from "../xray-api/xray-api-client";
import { openUsageReporter } from "./usage-reporter";

const INTERNAL_PATH = "/rotor-internal-ws";
const UUID = "c0ffee00-0000-4000-8000-000000000005";
const EMAIL = "user-5@rotor";
/** Another tool's user on the same core: its counters are that tool's to read and reset. */
const FOREIGN = { email: "ops@rotor.example.com", id: "f0e16000-0000-4000-8000-000000000006" };
const RETRY = { initialMs: 20, maxMs: 100 };

/** The traffic counters of a real v2ray, filled by a real client's requests. */
describe("usage reporter with a real v2ray's counters", () => {
  let origin: Origin;
  let server: V2rayProcess;
  let client: V2rayClient;
  let foreignClient: V2rayClient;
  let serverDir: string;
  let api: XrayApiClient;
  let panel: FakeEdgePanel;
  let dir: string;
  let stateFile: string;
  let controller: AbortController;

  beforeAll(async () => {
    origin = await startOrigin();
    serverDir = mkdtempSync(path.join(tmpdir(), "rotor-usage-core-"));
    const inboundsFile = path.join(serverDir, "inbounds.json");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH, clients: [{ id: UUID, email: EMAIL }, FOREIGN] });
    server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });
    const clientOf = (id: string) => startV2rayClient(xrayConfig(id, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH })));
    client = await clientOf(UUID);
    foreignClient = await clientOf(FOREIGN.id);
    api = new XrayApiClient({ address: server.apiAddress, flavor: "v2ray" });
  });
  afterAll(async () => {
    api?.close();
    await client?.stop();
    await foreignClient?.stop();
    await server?.stop();
    await origin?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    panel = new FakeEdgePanel();
    await panel.start();
    dir = mkdtempSync(path.join(tmpdir(), "rotor-usage-"));
    stateFile = path.join(dir, "inbounds.json.usage-pending.json");
    controller = new AbortController();
    // Each test starts from zeroed counters.
    await api.queryStats({ pattern: "user>>>", reset: true });
  });
  afterEach(async () => {
    controller.abort();
    await panel.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let collections = 0;
  /** Runs a reporter until the test aborts it, as the agent does (open, then run). */
  const report = async () =>
    (await openUsageReporter({
      url: panel.url,
      token: "rte_test",
      signal: controller.signal,
      retry: RETRY,
      queryStats: (request) => {
        collections += 1;
        return api.queryStats(request);
      },
      intervalMs: 100,
      stateFile,
    })).run();

  /** The core's count of a user's traffic, read without reset. */
  async function counters(email: string): Promise<{ uplinkBytes: number; downlinkBytes: number }> {
    const stats = new Map((await api.queryStats({ pattern: `user>>>${email}>>>`, reset: false })).map((stat) => [stat.name, stat.value]));
    return { uplinkBytes: stats.get(`user>>>${email}>>>traffic>>>uplink`) ?? 0, downlinkBytes: stats.get(`user>>>${email}>>>traffic>>>downlink`) ?? 0 };
  }

  /** Traffic through the Rotor user's tunnel (or another's), and the core's own count of it. */
  async function traffic(via = client, email = EMAIL): Promise<{ uplinkBytes: number; downlinkBytes: number }> {
    expect((await httpGetThroughSocks(via.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/usage" })).status).toBe(200);
    return counters(email);
  }

  it("posts the core's per-user bytes with their read time, retrying the same report under the same id until the panel takes it", async () => {
    const moved = await traffic();
    expect(moved.downlinkBytes).toBeGreaterThan(0);
    panel.usageStatuses = [503, 502];
    const startedAt = Date.now();
    const running = report();
    await waitUntil(() => panel.counted.has(EMAIL), "the report to be counted");
    expect(panel.counted.get(EMAIL)).toEqual(moved);
    expect(panel.usagePosts.map((post) => post.status)).toEqual([503, 502, 200]);
    expect(new Set(panel.usagePosts.map((post) => post.reportId)).size).toBe(1);
    expect(panel.usagePosts.every((post) => JSON.stringify(post) === JSON.stringify({ ...panel.usagePosts[0]!, status: post.status }))).toBe(true);
    // Read after the traffic and before the first post answered.
    const readAt = Date.parse(panel.usagePosts[0]!.readAt!);
    expect(readAt).toBeGreaterThanOrEqual(startedAt);
    expect(readAt).toBeLessThanOrEqual(Date.now());
    await waitUntil(() => !existsSync(stateFile), "the state file to go");

    // Idle intervals post nothing; the counters were reset by the reporter.
    const posts = panel.usagePosts.length;
    const seen = collections;
    await waitUntil(() => collections >= seen + 3, "three idle intervals");
    expect(panel.usagePosts.length).toBe(posts);
    const more = await traffic();
    await waitUntil(() => panel.usagePosts.length === posts + 1, "the next report");
    expect(panel.usagePosts.at(-1)!.users).toEqual([{ email: EMAIL, ...more }]);
    controller.abort();
    await running;
  });

  it("keeps an unconfirmed report on disk across a restart and sends it under its first id", async () => {
    const moved = await traffic();
    panel.usageStatuses = Array.from({ length: 1000 }, () => 503);
    const first = report();
    await waitUntil(() => panel.usagePosts.length >= 2, "failing posts");
    controller.abort();
    await first;
    const saved = JSON.parse(readFileSync(stateFile, "utf8")) as { reports: Array<{ reportId: string }> };
    expect(saved.reports.map((entry) => entry.reportId)).toEqual([panel.usagePosts[0]!.reportId]);

    panel.usageStatuses = [];
    controller = new AbortController();
    const second = report();
    await waitUntil(() => panel.counted.has(EMAIL), "the resumed report");
    expect(panel.usagePosts.at(-1)!.reportId).toBe(panel.usagePosts[0]!.reportId);
    expect(panel.counted.get(EMAIL)).toEqual(moved);
    await waitUntil(() => !existsSync(stateFile), "the state file to go");
    controller.abort();
    await second;
  });

  it("drops a report the panel refuses as invalid (400) and goes on with the next", async () => {
    await traffic();
    panel.usageStatuses = [400];
    const running = report();
    await waitUntil(() => panel.usagePosts.length === 1, "the refused post");
    const more = await traffic();
    await waitUntil(() => panel.counted.has(EMAIL), "the next report");
    expect(panel.usagePosts[1]!.reportId).not.toBe(panel.usagePosts[0]!.reportId);
    expect(panel.counted.get(EMAIL)).toEqual(more);
    controller.abort();
    await running;
  });

  it("retries, under the same id, a report answered by something in front of the panel: a proxy's 400, a captive portal's 200", async () => {
    const moved = await traffic();
    panel.usageIntercepts = [
      { status: 400, body: "<html><head><title>400 Request Header Or Cookie Too Large</title></head><body><center>nginx</center></body></html>" },
      { status: 200, body: "<html><body>Accept the terms to go online</body></html>" },
    ];
    const running = report();
    await waitUntil(() => panel.counted.has(EMAIL), "the report to be counted");
    expect(panel.counted.get(EMAIL)).toEqual(moved);
    expect(panel.usagePosts.map((post) => post.status)).toEqual([400, 200, 200]);
    expect(new Set(panel.usagePosts.map((post) => post.reportId)).size).toBe(1);
    await waitUntil(() => !existsSync(stateFile), "the state file to go");
    controller.abort();
    await running;
  });

  it("reads and zeroes only Rotor's users' counters: another tool's user keeps theirs", async () => {
    const foreign = await traffic(foreignClient, FOREIGN.email);
    expect(foreign.downlinkBytes).toBeGreaterThan(0);
    const moved = await traffic();
    const running = report();
    await waitUntil(() => panel.counted.has(EMAIL), "the report to be counted");
    expect(panel.counted.get(EMAIL)).toEqual(moved);
    expect(panel.usagePosts.flatMap((post) => post.users.map((user) => user.email))).toEqual([EMAIL]);
    expect(await counters(FOREIGN.email)).toEqual(foreign);
    controller.abort();
    await running;
  });

  it("drains without rejecting when the core cannot be read, so the restart that follows still goes ahead", async () => {
    const reporter = await openUsageReporter({
      url: panel.url,
      token: "rte_test",
      signal: controller.signal,
      queryStats: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:10085")),
      intervalMs: 3_600_000,
      stateFile,
    });
    await expect(reporter.drain()).resolves.toBeUndefined();
    expect(existsSync(stateFile)).toBe(false);
  });

  it("stops when the panel refuses the token", async () => {
    await traffic();
    panel.usageStatuses = [401];
    await expect(report()).rejects.toThrow(EdgeTokenRefusedError);
    // The report stays on disk for a run with a valid token.
    expect(existsSync(stateFile)).toBe(true);
  });
});
