/**
 * A real edge on loopback for proof tests: an origin web server, a v2ray VLESS+ws server that
 * sends every connection to it, nginx in front accepting only the paths of an edge-agent map
 * file, and v2ray clients running the configs Rotor serves. Every process runs on a free
 * 127.0.0.1 port from a temp dir and is stopped by its handle; nothing waits a fixed time.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./free-port";

/** Debian's v2ray package (v2ray-core 4.34) and nginx 1.22; the tests run the real programs. */
export const V2RAY_BINARY = "/usr/bin/v2ray";
export const NGINX_BINARY = "/usr/sbin/nginx";

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface WaitOptions {
  /** What is awaited, for the error message: "nginx to refuse /ws/old". */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** Appended to the timeout error, e.g. a process's recent output. */
  detail?: () => string;
}

/** Thrown by a `waitFor` check when waiting longer cannot help. */
export class StopWaiting extends Error {}

/**
 * Polls `check` until it returns something other than undefined and resolves with it; a throw
 * counts as "not yet" and is quoted if time runs out, except StopWaiting, which fails at once.
 */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, options: WaitOptions): Promise<T> {
  const { what, timeoutMs = START_TIMEOUT_MS, intervalMs = 25, detail } = options;
  const deadline = Date.now() + timeoutMs;
  let last = "never checked";
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      last = "not yet";
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      const extra = detail ? `\n--- recent output ---\n${detail()}` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last check: ${last})${extra}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

interface ChildHandle {
  /** The last few KB it wrote to stdout and stderr. */
  output(): string;
  /** Rejects with its output if it exits; raced against start-up waits. */
  exited: Promise<never>;
  stop(): Promise<void>;
}

function spawnProcess(label: string, binary: string, args: string[]): ChildHandle {
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const exited = new Promise<never>((_, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => reject(new Error(`${label} exited (${signal ?? code}):\n${output}`)));
  });
  exited.catch(() => undefined);
  return {
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGTERM is a fast shutdown for both programs; nginx's SIGQUIT would wait for open tunnels.
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await done;
      clearTimeout(timer);
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000, () => socket.destroy());
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

/** Waits until `port` accepts; fails at once with the output if the process exits first. */
async function startedOn(label: string, port: number, running: ChildHandle, cleanUp: () => void): Promise<void> {
  const accepting = waitFor(async () => ((await canConnect(port)) ? true : undefined), {
    what: `${label} to accept on 127.0.0.1:${port}`,
    detail: running.output,
  });
  try {
    await Promise.race([accepting, running.exited]);
  } catch (error) {
    await running.stop();
    cleanUp();
    throw error;
  }
}

function tempDir(name: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `rotor-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Origin {
  port: number;
  close(): Promise<void>;
}

/** The site behind the tunnel: answers any request with `rotor-origin <path>`, keeping connections alive. */
export async function startOrigin(): Promise<Origin> {
  const server = createServer((req, res) => {
    const body = Buffer.from(`rotor-origin ${req.url ?? ""}`);
    // A Content-Length (not chunked) so the test's minimal HTTP reader knows where a response ends.
    res.writeHead(200, { "content-type": "text/plain", "content-length": body.length });
    res.end(body);
  });
  // Long enough that a tunnel held across an nginx reload still has its origin connection.
  server.keepAliveTimeout = 60_000;
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface V2rayProcess {
  /** The VLESS inbound's port (nginx's upstream). */
  port: number;
  /** The API's dokodemo-door inbound: HandlerService and StatsService (the agent's `--xray-api`). */
  apiAddress: string;
  /** The VLESS inbound's tag (the agent's `--xray-inbound-tag`). */
  inboundTag: string;
  /** The inbounds file the server was started from (the agent's `--xray-inbounds`). */
  inboundsFile: string;
  /** Stops the process and starts it again from the same files (what an operator's restart command does). */
  restart(): Promise<void>;
  /** How many times it has been started. */
  starts(): number;
  stop(): Promise<void>;
  output(): string;
}

export const VLESS_INBOUND_TAG = "rotor-ws";
const API_TAG = "api";

/**
 * The operator's inbounds file as docs/edge.md describes it: the VLESS inbound over ws at
 * exactly `internalPath` (its `clients` are what the edge agent rewrites) and the API's
 * dokodemo-door inbound on loopback. Ports are free ones chosen now.
 */
export async function writeV2rayInbounds(file: string, options: { internalPath: string; clients?: Array<{ id: string; email: string }> }): Promise<void> {
  const inbounds = {
    inbounds: [
      {
        tag: VLESS_INBOUND_TAG,
        listen: "127.0.0.1",
        port: await freePort(),
        protocol: "vless",
        settings: { clients: (options.clients ?? []).map((client) => ({ ...client, level: 0 })), decryption: "none" },
        streamSettings: { network: "ws", wsSettings: { path: options.internalPath } },
      },
      { tag: API_TAG, listen: "127.0.0.1", port: await freePort(), protocol: "dokodemo-door", settings: { address: "127.0.0.1" } },
    ],
  };
  writeFileSync(file, `${JSON.stringify(inbounds, null, 2)}\n`);
}

/** The VLESS and API ports an inbounds file from `writeV2rayInbounds` (maybe rewritten by the agent since) holds. */
function inboundPorts(file: string): { port: number; apiPort: number } {
  const { inbounds } = JSON.parse(readFileSync(file, "utf8")) as { inbounds: Array<{ tag?: string; port: number }> };
  const portOf = (tag: string) => {
    const inbound = inbounds.find((candidate) => candidate.tag === tag);
    if (!inbound) throw new Error(`${file} has no inbound tagged ${tag}`);
    return inbound.port;
  };
  return { port: portOf(VLESS_INBOUND_TAG), apiPort: portOf(API_TAG) };
}

/**
 * The main config of docs/edge.md: no inbounds of its own (v2ray 4.34 merges `-config` files in
 * order, and a later file with several inbounds would replace the earlier file's list), the API
 * with HandlerService and StatsService, per-user traffic counters for level 0, and a freedom
 * outbound that redirects every destination to the origin, so a client asking for an
 * unresolvable name only gets an answer through the tunnel.
 */
function v2rayMainConfig(originPort: number): object {
  return {
    log: { loglevel: "warning" },
    api: { tag: API_TAG, services: ["HandlerService", "StatsService"] },
    stats: {},
    policy: { levels: { "0": { statsUserUplink: true, statsUserDownlink: true } } },
    routing: { rules: [{ type: "field", inboundTag: [API_TAG], outboundTag: API_TAG }] },
    outbounds: [{ protocol: "freedom", settings: { redirect: `127.0.0.1:${originPort}` } }],
  };
}

/**
 * The proxy server, started as `v2ray -config <inbounds file> -config <main config>`. With
 * `inboundsFile`, that file (written by `writeV2rayInbounds`, its clients maybe filled in by the
 * edge agent) is used as it is; otherwise one is written with a single client `uuid`.
 */
export async function startV2rayServer(options: { internalPath: string; originPort: number; uuid?: string; email?: string; inboundsFile?: string }): Promise<V2rayProcess> {
  const temp = tempDir("v2ray-server");
  const inboundsFile = options.inboundsFile ?? path.join(temp.dir, "inbounds.json");
  if (!options.inboundsFile) {
    const clients = options.uuid ? [{ id: options.uuid, email: options.email ?? "user-1@rotor" }] : [];
    await writeV2rayInbounds(inboundsFile, { internalPath: options.internalPath, clients });
  }
  const mainFile = path.join(temp.dir, "main.json");
  writeFileSync(mainFile, JSON.stringify(v2rayMainConfig(options.originPort), null, 2));
  const { port, apiPort } = inboundPorts(inboundsFile);
  let running: ChildHandle | undefined;
  let starts = 0;
  const start = async () => {
    running = spawnProcess("v2ray server", V2RAY_BINARY, ["-config", inboundsFile, "-config", mainFile]);
    starts += 1;
    await startedOn("v2ray server", port, running, temp.remove);
    await startedOn("v2ray server's API", apiPort, running, temp.remove);
  };
  await start();
  return {
    port,
    apiAddress: `127.0.0.1:${apiPort}`,
    inboundTag: VLESS_INBOUND_TAG,
    inboundsFile,
    output: () => running?.output() ?? "",
    async restart() {
      await running?.stop();
      await start();
    },
    starts: () => starts,
    async stop() {
      await running?.stop();
      temp.remove();
    },
  };
}

/** A v2ray/Xray client config as Rotor's `xray` format serves it (only `inbounds` is read here). */
export interface V2rayClientConfig {
  inbounds: Array<Record<string, unknown>>;
}

export interface V2rayClient {
  socksPort: number;
  stop(): Promise<void>;
  output(): string;
}

/** Runs a served client config with only its inbound ports moved to free ones; waits for SOCKS. */
export async function startV2rayClient(config: V2rayClientConfig): Promise<V2rayClient> {
  const copy = structuredClone(config);
  let socksPort: number | undefined;
  for (const inbound of copy.inbounds) {
    const port = await freePort();
    inbound.port = port;
    if (inbound.protocol === "socks") socksPort ??= port;
  }
  if (socksPort === undefined) throw new Error("the client config has no socks inbound");
  const { stop, output } = await runV2ray("v2ray client", copy, socksPort);
  return { socksPort, stop, output };
}

async function runV2ray(label: string, config: object, port: number): Promise<{ stop(): Promise<void>; output(): string }> {
  const temp = tempDir("v2ray");
  const file = path.join(temp.dir, "config.json");
  writeFileSync(file, JSON.stringify(config, null, 2));
  const running = spawnProcess(label, V2RAY_BINARY, ["-config", file]);
  await startedOn(label, port, running, temp.remove);
  return {
    output: running.output,
    async stop() {
      await running.stop();
      temp.remove();
    },
  };
}

export interface Nginx {
  port: number;
  /** Reloads this instance when run with `sh -c`, as the edge agent runs its on-change command. */
  reloadCommand: string;
  /** How many reload signals the master has received so far. */
  reloadCount(): number;
  /**
   * Waits until the master has received more than `since` reloads (a `reloadCount()` taken
   * before triggering one; `nginx -s reload` returns before the master acts) and the last has
   * taken effect: every older worker has begun its graceful shutdown, so it accepts no new
   * connection but keeps the open ones. Rejects at once, with the error log, when nginx refused
   * the reload (e.g. a map that does not parse).
   */
  reloaded(options?: { since?: number; timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
  errorLog(): string;
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * nginx accepting only the paths listed in `mapFile` (the edge agent's format) and proxying
 * them, rewritten to `internalPath`, to the ws server on `upstreamPort`; anything else is 404.
 * `mapFile` must exist: nginx refuses to start (and to reload) when an include is missing.
 */
export async function startNginx(options: { mapFile: string; internalPath: string; upstreamPort: number; port?: number }): Promise<Nginx> {
  const temp = tempDir("nginx");
  // A caller may fix the port first: a Rotor host must name the edge's port before the agent writes the map nginx needs.
  const port = options.port ?? (await freePort());
  const at = (name: string) => path.join(temp.dir, name);
  const conf = at("nginx.conf");
  writeFileSync(conf, nginxConfig({ ...options, port, dir: temp.dir }));
  // -e keeps even start-up errors out of /var/log/nginx (nginx >= 1.19.5).
  const args = ["-p", temp.dir, "-c", conf, "-e", at("error.log")];
  const running = spawnProcess("nginx", NGINX_BINARY, args);
  const errorLog = () => {
    try {
      return readFileSync(at("error.log"), "utf8");
    } catch {
      return "";
    }
  };
  await startedOn("nginx", port, { ...running, output: () => `${running.output()}${errorLog()}` }, temp.remove);
  return {
    port,
    reloadCommand: [NGINX_BINARY, ...args, "-s", "reload"].map(shellQuote).join(" "),
    errorLog,
    reloadCount: () => reloadsIn(errorLog()).length,
    async reloaded({ since = -1, timeoutMs } = {}) {
      await waitFor(() => reloadOutcome(errorLog(), since), {
        what: `nginx to take reload #${since + 1} and retire its old workers`,
        detail: errorLog,
        timeoutMs,
      });
    },
    async stop() {
      await running.stop();
      temp.remove();
    },
  };
}

/**
 * Reads the master's and workers' notices: a reload logs "reconfiguring", then "start worker
 * process <pid>" for the new workers, and each old worker logs "gracefully shutting down" as it
 * closes its listening sockets. Polling a path's status alone is not enough: a fresh connection
 * can still be accepted by an old worker for a few ms after one has reached a new worker.
 */
function reloadOutcome(log: string, since: number): true | undefined {
  const reloads = reloadsIn(log);
  if (reloads.length <= since) return undefined;
  const lastReload = reloads.at(-1)?.index;
  if (lastReload === undefined) return true;
  const afterReload = log.slice(lastReload);
  const started = (text: string) => [...text.matchAll(/start worker process (\d+)/g)].map((match) => match[1]);
  const current = new Set(started(afterReload));
  if (current.size === 0) {
    if (/\[(emerg|alert)\]/.test(afterReload)) throw new StopWaiting(`nginx refused the reload:\n${afterReload}`);
    return undefined;
  }
  const retired = new Set([...log.matchAll(/ (\d+)#\d+: gracefully shutting down|worker process (\d+) exited/g)].map((match) => match[1] ?? match[2]));
  return started(log).every((pid) => current.has(pid) || retired.has(pid)) ? true : undefined;
}

/** The master's "reconfiguring" notices, one per SIGHUP (`nginx -s reload`). */
const reloadsIn = (log: string) => [...log.matchAll(/^.*\d+#\d+: reconfiguring$/gm)];

function nginxConfig(options: { mapFile: string; internalPath: string; upstreamPort: number; port: number; dir: string }): string {
  const at = (name: string) => path.join(options.dir, name);
  return `daemon off;
master_process on;
worker_processes 1;
${/* Workers would run as nobody and could not read the 0700 temp dir. */ process.getuid?.() === 0 ? "user root;" : ""}
pid ${at("nginx.pid")};
error_log ${at("error.log")} notice;
events { worker_connections 64; }
http {
  access_log ${at("access.log")};
  client_body_temp_path ${at("client_body")};
  proxy_temp_path ${at("proxy")};
  fastcgi_temp_path ${at("fastcgi")};
  uwsgi_temp_path ${at("uwsgi")};
  scgi_temp_path ${at("scgi")};
  map_hash_bucket_size 128;
  map $uri $rotor_path_accepted {
    default 0;
    include ${options.mapFile};
  }
  server {
    listen 127.0.0.1:${options.port};
    location / {
      if ($rotor_path_accepted = 0) { return 404; }
      rewrite ^ ${options.internalPath} break;
      proxy_pass http://127.0.0.1:${options.upstreamPort};
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_read_timeout 1h;
    }
  }
}
`;
}

/**
 * Status of a plain (non-upgrade) GET on a fresh connection, so that after a reload it is not
 * answered by an old worker over a kept-alive socket. nginx answers 404 for a path not in the
 * map; an accepted path reaches v2ray 4.34's ws server, which answers 400 (no Upgrade header).
 */
export function plainGetStatus(port: number, requestPath: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: requestPath, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${requestPath} on 127.0.0.1:${port}: no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** Runs a shell command (such as `Nginx.reloadCommand`); rejects with its output if it fails. */
export function runShell(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("sh", ["-c", command], { timeout: START_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(`\`${command}\` failed (exit ${error.code ?? error.signal}):\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

export interface SocksTarget {
  host: string;
  port: number;
}

export interface HttpResult {
  status: number;
  body: string;
}

export interface Tunnel {
  /** Sends one more HTTP/1.1 request over the same socket (never reconnects); one at a time. */
  get(requestPath: string): Promise<HttpResult>;
  close(): void;
}

/** The name clients ask for: unresolvable, so an answer can only come through the tunnel. */
export const ORIGIN_TARGET: SocksTarget = { host: "origin.rotor.invalid", port: 80 };

const SOCKS_REPLIES = ["succeeded", "general failure", "not allowed", "network unreachable", "host unreachable", "connection refused", "TTL expired", "command not supported", "address type not supported"];

type Take<T> = (buffer: Buffer) => { value: T; length: number } | undefined;

/**
 * Buffers a socket's bytes so each protocol step can wait for the whole message it needs
 * (one waiter at a time: the steps are sequential).
 */
function socketReader(socket: Socket) {
  let buffer = Buffer.alloc(0);
  let ended: string | undefined;
  let wake = () => {};
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake();
  });
  socket.on("error", (error) => {
    ended ??= `failed (${error.message})`;
    wake();
  });
  socket.on("close", () => {
    ended ??= "closed";
    wake();
  });
  return function next<T>(what: string, timeoutMs: number, take: Take<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (error: Error | undefined, value?: T) => {
        clearTimeout(timer);
        wake = () => {};
        if (error) reject(error);
        else resolve(value as T);
      };
      const timer = setTimeout(() => finish(new Error(`no ${what} within ${timeoutMs} ms (${buffer.length} bytes received)`)), timeoutMs);
      wake = () => {
        let parsed: ReturnType<Take<T>>;
        try {
          parsed = take(buffer);
        } catch (error) {
          return finish(error instanceof Error ? error : new Error(String(error)));
        }
        if (parsed) {
          buffer = buffer.subarray(parsed.length);
          return finish(undefined, parsed.value);
        }
        // A VLESS tunnel the edge refused shows up here: the proxy closes it with no answer.
        if (ended) finish(new Error(`the tunnel ${ended} before ${what} (${buffer.length} bytes received)`));
      };
      wake();
    });
  };
}

const takeMethodChoice: Take<void> = (buffer) => {
  if (buffer.length < 2) return undefined;
  if (buffer[0] !== 5 || buffer[1] !== 0) throw new Error(`SOCKS5 server refused "no authentication" (answered ${buffer.subarray(0, 2).toString("hex")})`);
  return { value: undefined, length: 2 };
};

/** RFC 1928 §6: VER REP RSV ATYP BND.ADDR BND.PORT. */
const takeConnectReply: Take<void> = (buffer) => {
  if (buffer.length < 5) return undefined;
  const reply = buffer[1] ?? 1;
  if (buffer[0] !== 5 || reply !== 0) throw new Error(`SOCKS5 CONNECT failed: ${SOCKS_REPLIES[reply] ?? `reply ${reply}`}`);
  const addressLength = ({ 1: 4, 3: 1 + (buffer[4] ?? 0), 4: 16 } as Record<number, number>)[buffer[3] ?? 0];
  if (addressLength === undefined) throw new Error(`SOCKS5 reply with unknown address type ${buffer[3]}`);
  const length = 4 + addressLength + 2;
  return buffer.length < length ? undefined : { value: undefined, length };
};

/** One HTTP/1.1 response with a Content-Length body (what the origin sends). */
const takeHttpResponse: Take<HttpResult> = (buffer) => {
  const headEnd = buffer.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const head = buffer.subarray(0, headEnd).toString("latin1");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
  if (!status) throw new Error(`not an HTTP response: ${JSON.stringify(head.slice(0, 80))}`);
  const contentLength = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  if (contentLength === undefined) throw new Error(`HTTP response without Content-Length: ${JSON.stringify(head)}`);
  const length = headEnd + 4 + Number(contentLength);
  if (buffer.length < length) return undefined;
  return { value: { status: Number(status), body: buffer.subarray(headEnd + 4, length).toString("utf8") }, length };
};

/**
 * Opens a SOCKS5 (no auth, CONNECT by domain name) tunnel to `target` through a client's socks
 * inbound. v2ray confirms CONNECT before it dials the server, so a refused VLESS tunnel only
 * shows when the first request gets no answer.
 */
export async function openTunnel(socksPort: number, target: SocksTarget = ORIGIN_TARGET, options: { timeoutMs?: number } = {}): Promise<Tunnel> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const socket = connect({ host: "127.0.0.1", port: socksPort });
  const next = socketReader(socket);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    socket.write(Buffer.from([5, 1, 0]));
    await next("SOCKS5 method choice", timeoutMs, takeMethodChoice);
    const host = Buffer.from(target.host);
    socket.write(Buffer.concat([Buffer.from([5, 1, 0, 3, host.length]), host, Buffer.from([target.port >> 8, target.port & 0xff])]));
    await next("SOCKS5 CONNECT reply", timeoutMs, takeConnectReply);
  } catch (error) {
    socket.destroy();
    throw error;
  }
  const hostHeader = target.port === 80 ? target.host : `${target.host}:${target.port}`;
  return {
    get(requestPath) {
      socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: keep-alive\r\n\r\n`);
      return next(`an HTTP response to GET ${requestPath} from ${hostHeader}`, timeoutMs, takeHttpResponse);
    },
    close: () => socket.destroy(),
  };
}

/** One GET through a fresh SOCKS5 tunnel; rejects when the tunnel fails or closes unanswered. */
export async function httpGetThroughSocks(
  socksPort: number,
  target: SocksTarget & { path: string } = { ...ORIGIN_TARGET, path: "/" },
  options: { timeoutMs?: number } = {},
): Promise<HttpResult> {
  const tunnel = await openTunnel(socksPort, target, options);
  try {
    return await tunnel.get(target.path);
  } finally {
    tunnel.close();
  }
}
