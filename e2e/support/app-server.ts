import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";

const NEXT = path.join("node_modules", "next", "dist", "bin", "next");

/** An app server of a spec's own, beside the shared one: its own port, database and environment. */
export interface AppServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * `next start` of the build the shared server made, in its own process group (stopped with
 * SIGTERM to the group: TOOLCHAIN.md, pitfall 8), answered once /readyz says 200. `env` adds
 * to the process's; PORT, PUBLIC_URL and AUTH_URL follow `port`.
 */
export async function startAppServer(request: APIRequestContext, port: number, env: Record<string, string>): Promise<AppServer> {
  const url = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, [NEXT, "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), PUBLIC_URL: url, AUTH_URL: url, ...env },
    detached: true,
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  await expect.poll(async () => (await request.get(`${url}/readyz`).catch(() => null))?.status(), { timeout: 20_000 }).toBe(200);
  return {
    url,
    stop: async () => {
      process.kill(-server.pid!, "SIGTERM");
      await exited;
    },
  };
}
