import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeV2rayInbounds } from "@/test/support/edge-stack";
import { FakeEdgePanel, waitUntil } from "@/test/support/fake-edge-panel";
import type { EdgeUser } from "./edge-users-schema";
import { followUsers, type UsersFollowerOptions } from "./users-follower";
import { XrayApiClient } from "./xray-api/xray-api-client";

/* The users follower's ways to fail safely; its work against a real v2ray is in users-follower.test.ts. */

const INTERNAL_PATH = "/rotor-internal-ws";
const RETRY = { initialMs: 20, maxMs: 100 };
const ALICE: EdgeUser = { email: "user-1@rotor", id: "a11ce000-0000-4000-8000-000000000001" };
const BOB: EdgeUser = { email: "user-2@rotor", id: "b0b00000-0000-4000-8000-000000000002" };

let panel: FakeEdgePanel;
let dir: string;
let controller: AbortController;
const read = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};
const clientsIn = (file: string) => (JSON.parse(read(file)) as { inbounds: Array<{ settings: { clients?: unknown[] } }> }).inbounds[0]!.settings.clients;

beforeEach(async () => {
  panel = new FakeEdgePanel();
  await panel.start();
  dir = mkdtempSync(path.join(tmpdir(), "rotor-users-"));
  controller = new AbortController();
});

afterEach(async () => {
  controller.abort();
  await panel.stop();
  rmSync(dir, { recursive: true, force: true });
});

function follow(options: Partial<UsersFollowerOptions> & Pick<UsersFollowerOptions, "xrayInbounds">) {
  return followUsers({ url: panel.url, token: "rte_test", signal: controller.signal, retry: RETRY, inboundTag: null, api: null, restartCommand: null, ...options });
}

describe("users follower without a working API", () => {
  let inboundsFile: string;
  let restartLog: string;
  beforeEach(async () => {
    inboundsFile = path.join(dir, "inbounds.json");
    restartLog = path.join(dir, "restarts.log");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
  });
  const restarts = () => read(restartLog).split("\n").filter(Boolean).length;

  it("writes the file and runs the restart command once per change", async () => {
    panel.users = { revision: "1", users: [ALICE] };
    const running = follow({ xrayInbounds: inboundsFile, restartCommand: `echo ran >> ${restartLog}` });
    await waitUntil(() => restarts() === 1, "the first restart");
    expect(clientsIn(inboundsFile)).toEqual([{ id: ALICE.id, email: ALICE.email, level: 0 }]);
    panel.publishUsers({ revision: "2", users: [ALICE] });
    await waitUntil(() => panel.userPolls.some((poll) => poll.since === "2"), "revision 2 applied");
    expect(restarts()).toBe(1);
    panel.publishUsers({ revision: "3", users: [BOB] });
    await waitUntil(() => restarts() === 2, "the second restart");
    expect(clientsIn(inboundsFile)).toEqual([{ id: BOB.id, email: BOB.email, level: 0 }]);
    controller.abort();
    await running;
  });

  it("falls back to the restart command when the API is unreachable, and retries without one", async () => {
    const nowhere = new XrayApiClient({ address: "127.0.0.1:1", flavor: "v2ray", timeoutMs: 300 });
    try {
      panel.users = { revision: "1", users: [ALICE] };
      const withRestart = follow({ xrayInbounds: inboundsFile, api: nowhere, restartCommand: `echo ran >> ${restartLog}` });
      await waitUntil(() => panel.userPolls.some((poll) => poll.since === "1"), "revision 1 applied by restart");
      expect(restarts()).toBe(1);
      controller.abort();
      await withRestart;

      controller = new AbortController();
      panel.publishUsers({ revision: "2", users: [BOB] });
      const withoutRestart = follow({ xrayInbounds: inboundsFile, api: nowhere });
      await waitUntil(() => panel.userPolls.length >= 5, "retries");
      // Written (a core restarted now loads it) but never reported applied.
      expect(clientsIn(inboundsFile)).toEqual([{ id: BOB.id, email: BOB.email, level: 0 }]);
      expect(panel.userPolls.every((poll) => poll.since !== "2")).toBe(true);
      controller.abort();
      await withoutRestart;
    } finally {
      nowhere.close();
    }
  });

  it("keeps the last good file when the panel answers nonsense", async () => {
    panel.users = { revision: "1", users: [ALICE] };
    const running = follow({ xrayInbounds: inboundsFile, restartCommand: `echo ran >> ${restartLog}` });
    await waitUntil(() => restarts() === 1, "the first restart");
    const good = read(inboundsFile);
    panel.usersBody = JSON.stringify({ revision: "2", users: [{ email: "user-3@rotor", id: "not-a-uuid" }] });
    const polls = panel.userPolls.length;
    panel.publishUsers(panel.users);
    await waitUntil(() => panel.userPolls.length >= polls + 3, "retries");
    expect(read(inboundsFile)).toBe(good);
    expect(restarts()).toBe(1);
    controller.abort();
    await running;
  });

  it("refuses to start from a file with no VLESS inbound, and retries until it is fixed", async () => {
    writeFileSync(inboundsFile, JSON.stringify({ inbounds: [{ protocol: "vmess" }] }));
    panel.users = { revision: "1", users: [ALICE] };
    const running = follow({ xrayInbounds: inboundsFile, restartCommand: `echo ran >> ${restartLog}` });
    await waitUntil(() => panel.userPolls.length >= 3, "retries");
    expect(restarts()).toBe(0);
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
    await waitUntil(() => restarts() === 1, "the restart after the fix");
    controller.abort();
    await running;
  });
});
