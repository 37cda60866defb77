import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { edgeNodes } from "@/lib/db/schema";
import { recordUsage } from "@/lib/usage/record-usage";
import { sha256Hex } from "@/lib/util/tokens";
import { createCliHarness } from "@/test/support/cli-harness";

describe("edge commands", () => {
  let cli: ReturnType<typeof createCliHarness>;
  beforeEach(() => {
    cli = createCliHarness();
  });
  afterEach(() => cli.close());

  it("adds an edge and prints its token once, alone on the last line", async () => {
    const result = await cli.run(["edge:add", "--name", "edge-1"]);
    expect(result.code).toBe(0);
    const token = result.stdout.at(-1)!;
    expect(token).toMatch(/^rte_[A-Za-z0-9_-]{43}$/);
    expect(cli.temp.db.select().from(edgeNodes).get()?.tokenHash).toBe(sha256Hex(token));
  });

  const listLine = async (index: number) => (await cli.run(["edge:list"])).stdout.join("\n").split("\n")[index];

  it("lists edges and revokes one by name", async () => {
    expect((await cli.run(["edge:list"])).stdout).toEqual(["no edges"]);
    await cli.run(["edge:add", "--name", "edge-1"]);
    expect(await listLine(1)).toMatch(/^1\s+edge-1\s+live\s+never\s+-\s+-\s+-\s+-$/);
    recordUsage(cli.temp.db, { edgeId: 1, report: { reportId: "report-0001", users: [{ email: "user-1@rotor", uplinkBytes: 1_000_000, downlinkBytes: 500_000_000 }] } });
    expect(await listLine(1)).toMatch(/^1\s+edge-1\s+live\s+never\s+-\s+-\s+-\s+501 MB$/);
    expect(await cli.run(["edge:revoke", "--name", "edge-1"])).toMatchObject({ code: 0, stdout: ['revoked edge "edge-1" (id 1)'] });
    expect(await listLine(1)).toMatch(/^1\s+edge-1\s+revoked 20\d\d-/);
  });

  it("refuses a taken name (exit 1), a bad name (exit 2) and an unknown edge (exit 1)", async () => {
    await cli.run(["edge:add", "--name", "edge-1"]);
    expect(await cli.run(["edge:add", "--name", "edge-1"])).toMatchObject({ code: 1, stderr: ["rotor edge:add: --name: is already taken"] });
    expect(await cli.run(["edge:add", "--name", "no spaces"])).toMatchObject({ code: 2, stderr: [expect.stringMatching(/^rotor edge:add: --name: /)] });
    expect(await cli.run(["edge:revoke", "--name", "edge-2"])).toMatchObject({ code: 1, stderr: ['rotor edge:revoke: no live edge is named "edge-2"'] });
  });

  it("checks the agent's options before it starts", async () => {
    expect(await cli.run(["edge-agent", "--url", "panel", "--token", "t", "--nginx-map", "/tmp/x.map"])).toMatchObject({
      code: 2,
      stderr: ['rotor edge-agent: --url: expected an http(s) URL (got "panel")'],
    });
    expect(await cli.run(["edge-agent", "--url", "http://127.0.0.1:1"])).toMatchObject({ code: 2, stderr: ["rotor edge-agent: --token is required"] });
    const agent = (...args: string[]) => cli.run(["edge-agent", "--url", "http://127.0.0.1:1", "--token", "t", ...args]);
    expect(await agent()).toMatchObject({ code: 2, stderr: ["rotor edge-agent: --nginx-map or --xray-inbounds is required"] });
    expect(await agent("--nginx-map", "/tmp/x.map", "--xray-api", "127.0.0.1:10085")).toMatchObject({ code: 2, stderr: ["rotor edge-agent: --xray-api needs --xray-inbounds"] });
    expect(await agent("--xray-inbounds", "/tmp/x.json", "--xray-api", "localhost")).toMatchObject({ code: 2, stderr: ['rotor edge-agent: --xray-api: expected HOST:PORT (got "localhost")'] });
    expect(await agent("--xray-inbounds", "/tmp/x.json", "--xray-api-flavor", "sing-box")).toMatchObject({
      code: 2,
      stderr: ['rotor edge-agent: --xray-api-flavor: expected auto, v2ray, xray (got "sing-box")'],
    });
    expect(await agent("--xray-inbounds", "/tmp/x.json", "--usage-interval", "0")).toMatchObject({ code: 2, stderr: ['rotor edge-agent: --usage-interval: expected whole seconds ≥ 1 (got "0")'] });
    const help = (await cli.run(["edge-agent", "--help"])).stdout.join("\n");
    for (const option of ["--url URL", "--token T", "--nginx-map FILE", "--on-change CMD", "--xray-inbounds FILE", "--xray-api HOST:PORT", "--xray-restart CMD"]) expect(help).toContain(option);
  });
});
