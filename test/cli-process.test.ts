import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The exact command `npm run rotor` runs, spawned without npm (whose own warnings would mix in). */
const [binary, ...scriptArgs] = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { rotor: string } }).scripts.rotor.split(" ");
const dir = mkdtempSync(path.join(tmpdir(), "rotor-cli-"));
// A directory that does not exist yet: the CLI must create it and migrate a fresh database.
const databasePath = path.join(dir, "fresh", "rotor.db");

function rotor(args: string[], options: { env?: Record<string, string>; input?: string } = {}) {
  const result = spawnSync(path.join("node_modules", ".bin", binary!), [...scriptArgs, ...args], {
    // Empty values count as unset, so the developer's own PUBLIC_URL or PORT cannot leak in.
    env: { ...process.env, PORT: "", PUBLIC_URL: "", ETCD_ENDPOINTS: "", DATABASE_PATH: databasePath, ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout.trimEnd().split("\n"), stderr: result.stderr.trimEnd() };
}

describe("rotor CLI as a process", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("works on a fresh DATABASE_PATH: admin from stdin, host id, user URL on the last line", () => {
    const admin = rotor(["admin:create", "--username", "root", "--password-stdin"], { input: "a-long-password\n" });
    expect(admin).toMatchObject({ code: 0, stderr: "" });
    const host = rotor(["host:add", "--name", "nl", "--address", "nl.example.com", "--port", "443", "--transport", "grpc", "--security", "tls"]);
    expect(host.code).toBe(0);
    expect(host.stdout.at(-1)).toBe("id: 1");
    const user = rotor(["user:add", "--username", "alice"], { env: { PUBLIC_URL: "https://panel.example.com" } });
    expect(user.code).toBe(0);
    expect(user.stdout.at(-1)).toMatch(/^https:\/\/panel\.example\.com\/sub\/[A-Za-z0-9_-]{32}$/);
  });

  it("stops on a bad environment value with one line and exit code 2", () => {
    const result = rotor(["user:list"], { env: { PORT: "eighty" } });
    expect(result).toMatchObject({ code: 2, stderr: 'rotor user:list: Invalid environment: PORT must be a port number (got "eighty")' });
  });

  it("names DATABASE_PATH in one line when the database cannot be opened", () => {
    const result = rotor(["migrate"], { env: { DATABASE_PATH: "/etc/passwd/rotor.db" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^rotor migrate: Invalid environment: DATABASE_PATH cannot be opened at "\/etc\/passwd\/rotor\.db" \(.+\)$/);
  });

  it("answers an unknown option with one line and exit code 2, no stack trace", () => {
    const result = rotor(["host:add", "--name", "x", "--bogus"]);
    expect(result).toMatchObject({ code: 2, stderr: "rotor host:add: unknown option --bogus" });
  });
});
