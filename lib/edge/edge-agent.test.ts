import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EdgeTokenRefusedError, runEdgeAgent } from "./edge-agent";
import type { EdgePaths } from "./edge-paths";

const TOKEN = "rte_test-token";
const RETRY = { initialMs: 20, maxMs: 100 };

/**
 * A stand-in panel on loopback: answers /api/edge/paths like the real route (the real route is
 * exercised end to end in e2e/edge-proof.spec.ts). `since` equal to the revision holds the
 * request until `publish` is called.
 */
class FakePanel {
  paths: EdgePaths = { revision: "1", hosts: [] };
  status = 200;
  body: string | null = null;
  readonly requests: Array<{ since: string | null; authorization: string | undefined }> = [];
  private waiting: Array<() => void> = [];
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  publish(paths: EdgePaths): void {
    this.paths = paths;
    for (const wake of this.waiting.splice(0)) wake();
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const since = new URL(request.url!, this.url).searchParams.get("since");
    this.requests.push({ since, authorization: request.headers.authorization });
    const answer = () => {
      response.writeHead(this.status, { "content-type": "application/json" });
      response.end(this.body ?? JSON.stringify(this.paths));
    };
    if (since === this.paths.revision && this.status === 200) this.waiting.push(answer);
    else answer();
  }
}

function pathsAt(revision: string, accepted: EdgePaths["hosts"][number]["accepted"]): EdgePaths {
  return { revision, hosts: [{ hostId: 1, name: "h1", transport: "ws", current: accepted[0]!.path, accepted }] };
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let panel: FakePanel;
let dir: string;
let mapFile: string;
let commandLog: string;
let controller: AbortController;

beforeEach(async () => {
  panel = new FakePanel();
  await panel.start();
  dir = mkdtempSync(path.join(tmpdir(), "rotor-agent-"));
  mapFile = path.join(dir, "paths.map");
  commandLog = path.join(dir, "commands.log");
  controller = new AbortController();
});

afterEach(async () => {
  controller.abort();
  await panel.stop();
  rmSync(dir, { recursive: true, force: true });
});

const read = (file: string) => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
};
const mapLines = () => read(mapFile).split("\n").filter((line) => line.endsWith(" 1;"));
const commandRuns = () => read(commandLog).split("\n").filter(Boolean).length;

function startAgent(onChange: string | null = `echo ran >> ${commandLog}`) {
  return runEdgeAgent({ url: panel.url, token: TOKEN, nginxMap: mapFile, onChange, signal: controller.signal, retry: RETRY });
}

describe("edge agent", () => {
  it("writes the map, runs on-change, then long-polls with the applied revision", async () => {
    panel.paths = pathsAt("5", [
      { path: "/cur", acceptUntil: null },
      { path: "/next", acceptUntil: null },
    ]);
    const running = startAgent();
    await waitUntil(() => commandRuns() === 1, "the first on-change");
    expect(mapLines()).toEqual(['"/cur" 1;', '"/next" 1;']);
    await waitUntil(() => panel.requests.length === 2, "the long-poll");
    expect(panel.requests.map((request) => request.since)).toEqual([null, "5"]);
    expect(panel.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);

    panel.publish(pathsAt("6", [
      { path: "/next", acceptUntil: null },
      { path: "/after", acceptUntil: null },
      { path: "/cur", acceptUntil: new Date(Date.now() + 60_000).toISOString() },
    ]));
    await waitUntil(() => commandRuns() === 2, "the second on-change");
    expect(mapLines()).toEqual(['"/next" 1;', '"/after" 1;', '"/cur" 1;']);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    controller.abort();
    await running;
  });

  it("skips the write and the command when the paths did not change", async () => {
    const accepted = [{ path: "/cur", acceptUntil: null }, { path: "/next", acceptUntil: null }];
    panel.paths = pathsAt("5", accepted);
    const running = startAgent();
    await waitUntil(() => commandRuns() === 1, "the first on-change");
    const written = statSync(mapFile);
    panel.publish(pathsAt("6", accepted));
    await waitUntil(() => panel.requests.some((request) => request.since === "6"), "the poll after revision 6");
    expect(commandRuns()).toBe(1);
    expect(statSync(mapFile).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(mapFile).ino).toBe(written.ino);
    controller.abort();
    await running;
  });

  it("drops a retired path when its acceptUntil passes, without asking the panel", async () => {
    panel.paths = pathsAt("5", [
      { path: "/cur", acceptUntil: null },
      { path: "/old", acceptUntil: new Date(Date.now() + 300).toISOString() },
    ]);
    const running = startAgent();
    await waitUntil(() => commandRuns() === 1, "the first on-change");
    expect(mapLines()).toContain('"/old" 1;');
    // The long-poll that follows the first map is held until the end of the test.
    await waitUntil(() => panel.requests.some((request) => request.since === "5"), "the long-poll");
    const requestsBefore = panel.requests.length;
    await waitUntil(() => commandRuns() === 2, "the on-change after expiry");
    expect(mapLines()).toEqual(['"/cur" 1;']);
    expect(panel.requests.length).toBe(requestsBefore);
    controller.abort();
    await running;
  });

  it("keeps the last good map while the panel is down or answers nonsense, and recovers", async () => {
    panel.paths = pathsAt("5", [{ path: "/cur", acceptUntil: null }]);
    const running = startAgent();
    await waitUntil(() => commandRuns() === 1, "the first on-change");
    const good = read(mapFile);

    panel.status = 503;
    panel.publish(pathsAt("6", [{ path: "/new", acceptUntil: null }]));
    await waitUntil(() => panel.requests.filter((request) => request.since === "5").length >= 3, "retries");
    panel.status = 200;
    panel.body = JSON.stringify({ revision: "7", hosts: [{ hostId: 1 }] });
    await waitUntil(() => panel.requests.filter((request) => request.since === "5").length >= 5, "more retries");
    expect(read(mapFile)).toBe(good);

    panel.body = null;
    await waitUntil(() => commandRuns() === 2, "the recovery");
    expect(mapLines()).toEqual(['"/new" 1;']);
    controller.abort();
    await running;
  });

  it("never writes a map with no paths", async () => {
    writeFileSync(mapFile, '# earlier\n"/kept" 1;\n');
    panel.paths = { revision: "5", hosts: [] };
    const running = startAgent();
    await waitUntil(() => panel.requests.some((request) => request.since === "5"), "the long-poll");
    expect(mapLines()).toEqual(['"/kept" 1;']);
    expect(commandRuns()).toBe(0);
    controller.abort();
    await running;
  });

  it("reruns a failed on-change command and reports the revision only once it succeeds", async () => {
    const flag = path.join(dir, "reload-works");
    panel.paths = pathsAt("5", [{ path: "/cur", acceptUntil: null }]);
    const running = startAgent(`echo try >> ${commandLog}; test -e ${flag}`);
    await waitUntil(() => commandRuns() >= 3, "retried on-change runs");
    expect(mapLines()).toEqual(['"/cur" 1;']);
    expect(panel.requests.every((request) => request.since === null)).toBe(true);
    writeFileSync(flag, "");
    await waitUntil(() => panel.requests.some((request) => request.since === "5"), "the revision reported applied");
    controller.abort();
    await running;
  });

  it("stops with a clear error when the panel refuses the token", async () => {
    panel.status = 401;
    await expect(startAgent()).rejects.toThrow(EdgeTokenRefusedError);
    expect(read(mapFile)).toBe("");
  });
});
