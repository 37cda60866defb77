import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";

const NEXT = path.join("node_modules", "next", "dist", "bin", "next");

/** `next build` into .next, once per benchmark run. */
export function buildNext(): void {
  console.log("building…");
  const build = spawnSync(process.execPath, [NEXT, "build"], { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
}

/**
 * `next start` on 127.0.0.1:`port` against `databasePath`, resolved once /readyz answers 200.
 * `core` pins the server to one CPU (taskset), `nodeArgs` go to node (e.g. --cpu-prof).
 */
export async function startNextServer(options: { databasePath: string; port: number; core?: number; nodeArgs?: string[]; env?: Record<string, string> }): Promise<ChildProcess> {
  const command = [process.execPath, ...(options.nodeArgs ?? []), NEXT, "start", "--hostname", "127.0.0.1", "--port", String(options.port)];
  const [binary, ...args] = options.core === undefined ? command : ["taskset", "-c", String(options.core), ...command];
  const server = spawn(binary!, args, {
    env: { ...process.env, DATABASE_PATH: options.databasePath, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...options.env },
    stdio: "ignore",
  });
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const ready = await fetch(`http://127.0.0.1:${options.port}/readyz`).then((response) => response.ok).catch(() => false);
    if (ready) return server;
    if (server.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill("SIGKILL");
  throw new Error("the server did not become ready");
}

/** SIGTERM, resolved when the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
