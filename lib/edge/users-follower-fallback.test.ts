import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { writeV2rayInbounds } from "@/test/support/edge-stack";
import { waitUntil } from "@/test/support/fake-edge-panel";
import { ALICE, BOB, clientsIn, INTERNAL_PATH, readOrEmpty, usersFollowerFixture } from "@/test/support/users-follower-fixture";
import { XrayApiClient } from "./xray-api/xray-api-client";

/* The users follower's ways to fail safely; its work against a real v2ray is in users-follower.test.ts. */

const fixture = usersFollowerFixture();

describe("users follower without a working API", () => {
  let inboundsFile: string;
  let restartLog: string;
  beforeEach(async () => {
    inboundsFile = path.join(fixture.dir, "inbounds.json");
    restartLog = path.join(fixture.dir, "restarts.log");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
  });
  const restarts = () => readOrEmpty(restartLog).split("\n").filter(Boolean).length;

  it("writes the file and runs the restart command once per change", async () => {
    fixture.panel.users = { revision: "1", users: [ALICE] };
    const running = fixture.follow({ xrayInbounds: inboundsFile, restartCommand: `echo ran >> ${restartLog}` });
    await waitUntil(() => restarts() === 1, "the first restart");
    expect(clientsIn(inboundsFile)).toEqual([{ id: ALICE.id, email: ALICE.email, level: 0 }]);
    fixture.panel.publishUsers({ revision: "2", users: [ALICE] });
    await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "2"), "revision 2 applied");
    expect(restarts()).toBe(1);
    fixture.panel.publishUsers({ revision: "3", users: [BOB] });
    await waitUntil(() => restarts() === 2, "the second restart");
    expect(clientsIn(inboundsFile)).toEqual([{ id: BOB.id, email: BOB.email, level: 0 }]);
    fixture.controller.abort();
    await running;
  });

  it("falls back to the restart command when the API is unreachable, and retries without one", async () => {
    const nowhere = new XrayApiClient({ address: "127.0.0.1:1", flavor: "v2ray", timeoutMs: 300 });
    try {
      fixture.panel.users = { revision: "1", users: [ALICE] };
      const withRestart = fixture.follow({ xrayInbounds: inboundsFile, api: nowhere, restartCommand: `echo ran >> ${restartLog}` });
      await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "1"), "revision 1 applied by restart");
      expect(restarts()).toBe(1);
      fixture.controller.abort();
      await withRestart;

      fixture.controller = new AbortController();
      fixture.panel.publishUsers({ revision: "2", users: [BOB] });
      const withoutRestart = fixture.follow({ xrayInbounds: inboundsFile, api: nowhere });
      await waitUntil(() => fixture.panel.userPolls.length >= 5, "retries");
      // Written (a core restarted now loads it) but never reported applied.
      expect(clientsIn(inboundsFile)).toEqual([{ id: BOB.id, email: BOB.email, level: 0 }]);
      expect(fixture.panel.userPolls.every((poll) => poll.since !== "2")).toBe(true);
      fixture.controller.abort();
      await withoutRestart;
    } finally {
      nowhere.close();
    }
  });

  it("keeps the last good file when the fixture.panel answers nonsense", async () => {
    fixture.panel.users = { revision: "1", users: [ALICE] };
    const running = fixture.follow({ xrayInbounds: inboundsFile, restartCommand: `echo ran >> ${restartLog}` });
    await waitUntil(() => restarts() === 1, "the first restart");
    const good = readOrEmpty(inboundsFile);
    fixture.panel.usersBody = JSON.stringify({ revision: "2", users: [{ email: "user-3@rotor", id: "not-a-uuid" }] });
    const polls = fixture.panel.userPolls.length;
    fixture.panel.publishUsers(fixture.panel.users);
    await waitUntil(() => fixture.panel.userPolls.length >= polls + 3, "retries");
    expect(readOrEmpty(inboundsFile)).toBe(good);
    expect(restarts()).toBe(1);
    fixture.controller.abort();
    await running;
  });

  it("refuses to start from a file with no VLESS inbound, and retries until it is fixed", async () => {
    writeFileSync(inboundsFile, JSON.stringify({ inbounds: [{ protocol: "vmess" }] }));
    fixture.panel.users = { revision: "1", users: [ALICE] };
    const running = fixture.follow({ xrayInbounds: inboundsFile, restartCommand: `echo ran >> ${restartLog}` });
    await waitUntil(() => fixture.panel.userPolls.length >= 3, "retries");
    expect(restarts()).toBe(0);
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
    await waitUntil(() => restarts() === 1, "the restart after the fix");
    fixture.controller.abort();
    await running;
  });
});
