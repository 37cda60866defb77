import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { pickFreePort } from "./support/environment";

const NEXT = path.join("node_modules", "next", "dist", "bin", "next");
const serverEnv = (env: Record<string, string>) => ({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env });

/** Runs the build the web server uses with a broken environment; it must stop, not serve 500s. */
function startWith(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [NEXT, "start", "--hostname", "127.0.0.1", "--port", String(pickFreePort())], {
    env: serverEnv(env),
    encoding: "utf8",
    timeout: 30_000,
  });
  const rotorLines = `${result.stdout}${result.stderr}`.split("\n").filter((line) => line.startsWith("rotor"));
  return { code: result.status, rotorLines, output: `${result.stdout}${result.stderr}` };
}

test.describe("start-up with a broken environment", () => {
  test("an unusable DATABASE_PATH stops the server with one line", () => {
    const result = startWith({ DATABASE_PATH: "/etc/passwd/rotor.db" });
    expect(result.code).toBe(1);
    expect(result.rotorLines).toEqual([
      expect.stringMatching(/^rotor: start-up failed: Invalid environment: DATABASE_PATH cannot be opened at "\/etc\/passwd\/rotor\.db"/),
    ]);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  test("a malformed variable stops the server with one line naming it", () => {
    const result = startWith({ ETCD_PREFIX: "rotor" });
    expect(result.code).toBe(2);
    expect(result.rotorLines).toEqual([`rotor: Invalid environment: ETCD_PREFIX must start and end with '/', e.g. /rotor/ (got "rotor")`]);
    expect(result.output).not.toMatch(/\n\s+at /);
  });
});

test("a server stopped by SIGTERM writes the fetches it had queued", async ({ request }) => {
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-lifecycle-"));
  const databasePath = path.join(dir, "rotor.db");
  try {
    const cli = (args: string[]) =>
      spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "lib/cli/main.ts", ...args], { env: serverEnv({ DATABASE_PATH: databasePath }), encoding: "utf8" });
    cli(["host:add", "--name", "x", "--address", "x.example.com", "--port", "443", "--transport", "ws", "--security", "tls"]);
    const url = cli(["user:add", "--username", "sigterm"]).stdout.trim().split("\n").at(-1)!;
    const port = pickFreePort();
    const server = spawn(process.execPath, [NEXT, "start", "--hostname", "127.0.0.1", "--port", String(port)], { env: serverEnv({ DATABASE_PATH: databasePath }), stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    await expect.poll(async () => (await request.get(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status()).toBe(200);

    const response = await request.get(`http://127.0.0.1:${port}${new URL(url).pathname}`, { headers: { "User-Agent": "Streisand/1.6" } });
    expect(response.status()).toBe(200);
    server.kill("SIGTERM");
    expect(await exited).toBe(143);

    const db = new Database(databasePath, { readonly: true });
    try {
      expect(db.prepare("SELECT last_fetch_user_agent AS ua FROM users WHERE username = 'sigterm'").get()).toEqual({ ua: "Streisand/1.6" });
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
