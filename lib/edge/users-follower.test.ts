import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xrayConfig } from "@/lib/subscription/formats/xray";
import { httpGetThroughSocks, openTunnel, startOrigin, startV2rayClient, startV2rayServer, writeV2rayInbounds, type Origin, type V2rayClient, type V2rayProcess } from "@/test/support/edge-stack";
import { waitUntil } from "@/test/support/fake-edge-panel";
import { restartControl } from "@/test/support/restart-control";
import { ALICE, BOB, clientsIn, INTERNAL_PATH, readOrEmpty, usersFollowerFixture } from "@/test/support/users-follower-fixture";
import { sampleHost } from "@/test/support/subscription-host";
import type { EdgeUser } from "./edge-users-schema";
import { XrayApiClient, type VlessUser } from "./xray-api/xray-api-client";

const STALE: EdgeUser = { email: "user-9@rotor", id: "57a1e000-0000-4000-8000-000000000009" };

const fixture = usersFollowerFixture();

describe("users follower against a real v2ray through its API", () => {
  let origin: Origin;
  let server: V2rayProcess;
  let api: XrayApiClient;
  const clients = new Map<string, V2rayClient>();
  const serverDir = mkdtempSync(path.join(tmpdir(), "rotor-users-core-"));
  const inboundsFile = path.join(serverDir, "inbounds.json");

  beforeAll(async () => {
    origin = await startOrigin();
    // The core starts from an older file: a user since disabled is still in it.
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH, clients: [STALE] });
    server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });
    api = new XrayApiClient({ address: server.apiAddress, flavor: "auto" });
    for (const user of [ALICE, BOB, STALE]) {
      clients.set(user.email, await startV2rayClient(xrayConfig(user.id, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH }))));
    }
  });

  afterAll(async () => {
    api?.close();
    for (const client of clients.values()) await client.stop();
    await server?.stop();
    await origin?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  const gets = async (user: EdgeUser) => (await httpGetThroughSocks(clients.get(user.email)!.socksPort).then(() => true, () => false));

  it("syncs in full at start, then adds and removes one user at a time while others' tunnels stay open; never restarts", async () => {
    const restartLog = path.join(fixture.dir, "restarts.log");
    expect(await gets(STALE)).toBe(true);
    fixture.panel.users = { revision: "1", users: [ALICE] };
    const running = fixture.follow({ xrayInbounds: inboundsFile, inboundTag: server.inboundTag, api, restartCommand: `echo restart >> ${restartLog}; exit 1` });

    await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "1"), "the first sync");
    expect(clientsIn(inboundsFile)).toEqual([{ id: ALICE.id, email: ALICE.email, level: 0 }]);
    expect(await gets(ALICE)).toBe(true);
    expect(await gets(STALE)).toBe(false);

    const aliceTunnel = await openTunnel(clients.get(ALICE.email)!.socksPort);
    expect(await aliceTunnel.get("/before")).toEqual({ status: 200, body: "rotor-origin /before" });
    fixture.panel.publishUsers({ revision: "2", users: [ALICE, BOB] });
    await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "2"), "revision 2 applied");
    expect(await gets(BOB)).toBe(true);

    fixture.panel.publishUsers({ revision: "3", users: [BOB] });
    await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "3"), "revision 3 applied");
    expect(await gets(ALICE)).toBe(false);
    expect(await gets(BOB)).toBe(true);
    // Removing a user refuses their new tunnels only; the core was never restarted.
    expect(await aliceTunnel.get("/after")).toEqual({ status: 200, body: "rotor-origin /after" });
    aliceTunnel.close();

    fixture.panel.publishUsers({ revision: "4", users: [] });
    await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "4"), "revision 4 applied");
    expect(clientsIn(inboundsFile)).toEqual([]);
    expect(await gets(BOB)).toBe(false);
    expect(readOrEmpty(restartLog)).toBe("");
    fixture.controller.abort();
    await running;
  });
});

/** A TCP relay to `port` that refuses every connection while down: the core's API "unreachable" for a while. */
async function switchableRelay(port: number): Promise<{ address: string; up: boolean; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const relay = {
    address: "",
    up: false,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
  const server = createServer((socket) => {
    if (!relay.up) return socket.destroy();
    const upstream = connect({ host: "127.0.0.1", port });
    for (const end of [socket, upstream]) {
      sockets.add(end);
      end.on("error", () => {
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  relay.address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return relay;
}

describe("users follower when the API fails during the first sync", () => {
  it("still removes the users the core started with once the API is back, though the file no longer lists them", async () => {
    const origin = await startOrigin();
    const serverDir = mkdtempSync(path.join(tmpdir(), "rotor-users-core-"));
    const inboundsFile = path.join(serverDir, "inbounds.json");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH, clients: [STALE] });
    const server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });
    const relay = await switchableRelay(Number(server.apiAddress.split(":")[1]));
    const api = new XrayApiClient({ address: relay.address, flavor: "v2ray", timeoutMs: 500 });
    const staleClient = await startV2rayClient(xrayConfig(STALE.id, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH })));
    try {
      expect((await httpGetThroughSocks(staleClient.socksPort)).status).toBe(200);
      fixture.panel.users = { revision: "1", users: [ALICE] };
      const running = fixture.follow({ xrayInbounds: inboundsFile, inboundTag: server.inboundTag, api });
      await waitUntil(() => fixture.panel.userPolls.length >= 3, "retries while the API is down");
      expect(clientsIn(inboundsFile)).toEqual([{ id: ALICE.id, email: ALICE.email, level: 0 }]);
      expect((await httpGetThroughSocks(staleClient.socksPort)).status).toBe(200);

      relay.up = true;
      await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "1"), "revision 1 applied", 15_000);
      await expect(httpGetThroughSocks(staleClient.socksPort)).rejects.toThrow(/closed before an HTTP response/);
      fixture.controller.abort();
      await running;
    } finally {
      api.close();
      await relay.close();
      await staleClient.stop();
      await server.stop();
      await origin.close();
      rmSync(serverDir, { recursive: true, force: true });
    }
  });
});

describe("users follower when the API applies a change only in part", () => {
  it("removes a user a failed attempt had added, once the fixture.panel no longer lists them", async () => {
    const origin = await startOrigin();
    const serverDir = mkdtempSync(path.join(tmpdir(), "rotor-users-core-"));
    const inboundsFile = path.join(serverDir, "inbounds.json");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
    const server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });
    // The operator adds a second VLESS inbound to the file but has not restarted the core: every call for it fails.
    const config = JSON.parse(readFileSync(inboundsFile, "utf8")) as { inbounds: Array<Record<string, unknown>> };
    config.inbounds.push({ tag: "rotor-later", listen: "127.0.0.1", port: 1, protocol: "vless", settings: { clients: [], decryption: "none" } });
    writeFileSync(inboundsFile, JSON.stringify(config));
    const api = new XrayApiClient({ address: server.apiAddress, flavor: "v2ray" });
    const alice = await startV2rayClient(xrayConfig(ALICE.id, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH })));
    const gets = () => httpGetThroughSocks(alice.socksPort).then(() => true, () => false);
    try {
      fixture.panel.users = { revision: "1", users: [ALICE] };
      const running = fixture.follow({ xrayInbounds: inboundsFile, api });
      // Alice reaches the first inbound before the call for the second fails.
      await waitUntil(() => fixture.panel.userPolls.length >= 3, "retries");
      expect(await gets()).toBe(true);

      fixture.panel.publishUsers({ revision: "2", users: [] });
      await waitUntil(() => fixture.panel.userPolls.length >= 6, "more retries");
      expect(await gets()).toBe(false);
      expect(fixture.panel.userPolls.every((poll) => poll.since === null)).toBe(true);
      fixture.controller.abort();
      await running;
    } finally {
      api.close();
      await alice.stop();
      await server.stop();
      await origin.close();
      rmSync(serverDir, { recursive: true, force: true });
    }
  });
});

/** The real core's API, except that adding `failing` fails, as a call cut off mid-sync would. */
class ApiFailingFor extends XrayApiClient {
  constructor(
    address: string,
    private readonly failing: EdgeUser,
  ) {
    super({ address, flavor: "v2ray" });
  }

  override async addUser(tag: string, user: VlessUser): Promise<"added" | "present"> {
    if (user.email === this.failing.email) throw new Error(`adding ${user.email} failed`);
    return super.addUser(tag, user);
  }
}

describe("users follower when the API fails part-way and the restart fails too", () => {
  it("removes a user the failed attempt had added, once the panel no longer lists them", async () => {
    const carol: EdgeUser = { email: "user-3@rotor", id: "ca201000-0000-4000-8000-000000000003" };
    const origin = await startOrigin();
    const serverDir = mkdtempSync(path.join(tmpdir(), "rotor-users-core-"));
    const inboundsFile = path.join(serverDir, "inbounds.json");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
    const server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });
    const api = new ApiFailingFor(server.apiAddress, carol);
    const bob = await startV2rayClient(xrayConfig(BOB.id, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH })));
    const gets = () => httpGetThroughSocks(bob.socksPort).then(() => true, () => false);
    const restartLog = path.join(fixture.dir, "restarts.log");
    try {
      fixture.panel.users = { revision: "1", users: [ALICE] };
      const running = fixture.follow({ xrayInbounds: inboundsFile, inboundTag: server.inboundTag, api, restartCommand: `echo restart >> ${restartLog}; false` });
      await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "1"), "revision 1 applied");

      // Bob is added, Carol fails, and so does the restart: revision 2 is never applied.
      fixture.panel.publishUsers({ revision: "2", users: [ALICE, BOB, carol] });
      await waitUntil(() => readOrEmpty(restartLog).split("\n").length > 2, "failed restarts");
      expect(await gets()).toBe(true);

      fixture.panel.publishUsers({ revision: "3", users: [ALICE] });
      await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "3"), "revision 3 applied");
      expect(await gets()).toBe(false);
      expect(fixture.panel.userPolls.every((poll) => poll.since !== "2")).toBe(true);
      fixture.controller.abort();
      await running;
    } finally {
      api.close();
      await bob.stop();
      await server.stop();
      await origin.close();
      rmSync(serverDir, { recursive: true, force: true });
    }
  });
});

describe("users follower restarting a real v2ray (no API)", () => {
  it("applies each change by the restart command: a new user gets in, a removed one is refused, and open tunnels are cut", async () => {
    const origin = await startOrigin();
    const serverDir = mkdtempSync(path.join(tmpdir(), "rotor-users-core-"));
    const inboundsFile = path.join(serverDir, "inbounds.json");
    await writeV2rayInbounds(inboundsFile, { internalPath: INTERNAL_PATH });
    const server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port, inboundsFile });
    const control = await restartControl(server);
    const clientOf = (user: EdgeUser) => startV2rayClient(xrayConfig(user.id, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH })));
    const [alice, bob] = [await clientOf(ALICE), await clientOf(BOB)];
    const gets = (client: V2rayClient) => httpGetThroughSocks(client.socksPort).then(() => true, () => false);
    try {
      fixture.panel.users = { revision: "1", users: [ALICE] };
      const running = fixture.follow({ xrayInbounds: inboundsFile, restartCommand: control.command });
      await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "1"), "revision 1 applied");
      expect(server.starts()).toBe(2);
      expect(await gets(alice)).toBe(true);
      expect(await gets(bob)).toBe(false);

      const aliceTunnel = await openTunnel(alice.socksPort);
      expect((await aliceTunnel.get("/open")).status).toBe(200);
      fixture.panel.publishUsers({ revision: "2", users: [BOB] });
      await waitUntil(() => fixture.panel.userPolls.some((poll) => poll.since === "2"), "revision 2 applied");
      expect(server.starts()).toBe(3);
      expect(await gets(bob)).toBe(true);
      expect(await gets(alice)).toBe(false);
      // The cost of a restart that --xray-api avoids: every open tunnel on the core ended.
      await expect(aliceTunnel.get("/after-restart")).rejects.toThrow();
      aliceTunnel.close();
      fixture.controller.abort();
      await running;
    } finally {
      await control.close();
      await alice.stop();
      await bob.stop();
      await server.stop();
      await origin.close();
      rmSync(serverDir, { recursive: true, force: true });
    }
  });
});
