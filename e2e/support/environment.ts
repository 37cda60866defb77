import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Shared by playwright.config.ts and the tests. The config is evaluated again in every worker,
 * so the port and data dir are chosen once and handed down through the environment.
 */
/** A free loopback port, synchronously (the Playwright config cannot await). */
export function pickFreePort(): number {
  return Number(
    execFileSync(process.execPath, [
      "-e",
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
    ]).toString(),
  );
}

process.env.E2E_PORT ??= String(pickFreePort());
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "rotor-e2e-"));

export const E2E_PORT = Number(process.env.E2E_PORT);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATABASE_PATH = path.join(process.env.E2E_DATA_DIR, "rotor.db");
export const E2E_OWNER = { username: "e2e-owner", password: "e2e-owner-password" };

/** The environment the server under test runs with. */
export const E2E_SERVER_ENV: Record<string, string> = {
  PORT: String(E2E_PORT),
  DATABASE_PATH: E2E_DATABASE_PATH,
  PUBLIC_URL: E2E_BASE_URL,
  ROTOR_ADMIN_USERNAME: E2E_OWNER.username,
  ROTOR_ADMIN_PASSWORD: E2E_OWNER.password,
  AUTH_URL: E2E_BASE_URL,
  NEXT_TELEMETRY_DISABLED: "1",
  // Set for the whole shared server, so every /metrics call in the specs must send it.
  ROTOR_METRICS_TOKEN: "e2e-metrics-token-0123456789",
};

/** The program and arguments `npm run rotor -- <args>` runs, without npm in between. */
export function rotorCommand(args: string[]): [string, string[]] {
  const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { rotor: string } }).scripts.rotor;
  const [binary, ...scriptArgs] = script.split(" ");
  return [path.join("node_modules", ".bin", binary!), [...scriptArgs, ...args]];
}

/** Runs `npm run rotor -- <args>` against the server's database; returns stdout lines. */
export function rotorCli(args: string[], input = ""): string[] {
  const [binary, commandArgs] = rotorCommand(args);
  const output = execFileSync(binary, commandArgs, {
    env: { ...process.env, ...E2E_SERVER_ENV },
    input,
    encoding: "utf8",
  });
  return output.trimEnd().split("\n");
}
