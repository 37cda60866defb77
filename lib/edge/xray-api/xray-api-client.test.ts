import { execFile } from "node:child_process";
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xrayConfig } from "@/lib/subscription/formats/xray";
import { httpGetThroughSocks, startOrigin, startV2rayClient, startV2rayServer, type V2rayClient, type V2rayProcess } from "@/test/support/edge-stack";
import { sampleHost } from "@/test/support/subscription-host";
import { XrayApiClient, XrayApiError } from "./xray-api-client";

const INTERNAL_PATH = "/rotor-internal-ws";
const UUID = "6f1c1b9e-58a4-4f0e-9d3c-2a7b8c9d0e1f";
const EMAIL = "user-7@rotor";

/** `v2ctl api` (v2ray's own client, text-format protobuf) as an independent reading of the counters. */
function v2ctlQueryStats(address: string, pattern: string): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/v2ctl", ["api", `--server=${address}`, "StatsService.QueryStats", `pattern: "${pattern}" reset: false`], (error, stdout) => {
      if (error) return reject(error);
      // Blocks like `stat: < name: "user>>>x>>>traffic>>>uplink" value: 123 >`; a zero value is left out.
      const stats = new Map<string, number>();
      for (const match of stdout.matchAll(/name: "([^"]+)"(?:\s+value: (\d+))?/g)) stats.set(match[1]!, Number(match[2] ?? 0));
      resolve(stats);
    });
  });
}

describe("XrayApiClient against a real v2ray 4.34", () => {
  const running: Array<{ stop(): Promise<void> } | { close(): Promise<void> }> = [];
  let server: V2rayProcess;
  let client: V2rayClient;
  let api: XrayApiClient;

  beforeAll(async () => {
    const origin = await startOrigin();
    running.push(origin);
    // No clients at start: every user comes through the API.
    server = await startV2rayServer({ internalPath: INTERNAL_PATH, originPort: origin.port });
    running.push(server);
    client = await startV2rayClient(xrayConfig(UUID, sampleHost({ address: "127.0.0.1", port: server.port, security: "none", path: INTERNAL_PATH })));
    running.push(client);
    api = new XrayApiClient({ address: server.apiAddress, flavor: "auto" });
  });

  afterAll(async () => {
    api?.close();
    for (const handle of running.reverse()) await ("stop" in handle ? handle.stop() : handle.close());
  });

  it("adds a user so its client gets through; adding it again is reported as present", async () => {
    await expect(httpGetThroughSocks(client.socksPort)).rejects.toThrow(/closed before an HTTP response/);
    expect(await api.addUser(server.inboundTag, { email: EMAIL, id: UUID, level: 0 })).toBe("added");
    expect(api.flavor).toBe("v2ray");
    expect(await httpGetThroughSocks(client.socksPort, { host: "origin.rotor.invalid", port: 80, path: "/added" })).toEqual({ status: 200, body: "rotor-origin /added" });
    expect(await api.addUser(server.inboundTag, { email: EMAIL, id: UUID, level: 0 })).toBe("present");
  });

  it("reads the user's traffic counters (as v2ctl does) and zeroes them with reset", async () => {
    const byName = async (reset: boolean) => new Map((await api.queryStats({ pattern: "user>>>", reset })).map((stat) => [stat.name, stat.value]));
    const uplink = `user>>>${EMAIL}>>>traffic>>>uplink`;
    const downlink = `user>>>${EMAIL}>>>traffic>>>downlink`;
    const before = await byName(false);
    expect(before.get(uplink)).toBeGreaterThan(0);
    expect(before.get(downlink)).toBeGreaterThan(0);
    const v2ctl = await v2ctlQueryStats(server.apiAddress, "user>>>");
    expect(v2ctl.get(uplink)).toBe(before.get(uplink));
    expect(v2ctl.get(downlink)).toBe(before.get(downlink));

    const taken = await byName(true);
    expect(taken.get(downlink)).toBe(before.get(downlink));
    const after = await byName(false);
    expect(after.get(uplink)).toBe(0);
    expect(after.get(downlink)).toBe(0);
  });

  it("removes a user so new tunnels are refused; removing it again is reported as absent", async () => {
    expect(await api.removeUser(server.inboundTag, EMAIL)).toBe("removed");
    await expect(httpGetThroughSocks(client.socksPort)).rejects.toThrow(/closed before an HTTP response/);
    expect(await api.removeUser(server.inboundTag, EMAIL)).toBe("absent");
  });

  it("does not mistake a missing inbound for a missing user", async () => {
    const error = await api.removeUser("no-such-inbound", EMAIL).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(XrayApiError);
    expect((error as XrayApiError).message).toMatch(/no-such-inbound/);
  });

  it("detects the core's package names when guessing wrong, and fails plainly when told the wrong ones", async () => {
    const guessing = new XrayApiClient({ address: server.apiAddress, flavor: "auto", guess: "xray" });
    try {
      expect(await guessing.queryStats({ pattern: "user>>>", reset: false })).toBeInstanceOf(Array);
      expect(guessing.flavor).toBe("v2ray");
    } finally {
      guessing.close();
    }
    const wrong = new XrayApiClient({ address: server.apiAddress, flavor: "xray" });
    try {
      await expect(wrong.queryStats({ pattern: "", reset: false })).rejects.toMatchObject({ code: status.UNIMPLEMENTED });
    } finally {
      wrong.close();
    }
  });

  it("fails within its timeout when nothing listens", async () => {
    const nowhere = new XrayApiClient({ address: "127.0.0.1:1", flavor: "v2ray", timeoutMs: 1000 });
    try {
      await expect(nowhere.queryStats({ pattern: "", reset: false })).rejects.toBeInstanceOf(XrayApiError);
    } finally {
      nowhere.close();
    }
  });
});
