import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { pickFreePort } from "./support/environment";

/** Runs the build the web server uses with a broken environment; it must stop, not serve 500s. */
function startWith(env: Record<string, string>) {
  const result = spawnSync(
    process.execPath,
    [path.join("node_modules", "next", "dist", "bin", "next"), "start", "--hostname", "127.0.0.1", "--port", String(pickFreePort())],
    { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, encoding: "utf8", timeout: 30_000 },
  );
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
