import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { authSecretFile, resolveAuthSecret } from "./secret";

describe("resolveAuthSecret", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rotor-secret-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("uses AUTH_SECRET when it is set and writes nothing", () => {
    const dir = tempDir();
    const databasePath = path.join(dir, "rotor.db");
    expect(resolveAuthSecret({ AUTH_SECRET: "s".repeat(40), DATABASE_PATH: databasePath })).toBe("s".repeat(40));
    expect(() => statSync(authSecretFile(databasePath))).toThrow();
  });

  it("generates a private secret beside the database and keeps it across restarts", () => {
    const databasePath = path.join(tempDir(), "nested", "rotor.db");
    const secret = resolveAuthSecret({ DATABASE_PATH: databasePath });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    const file = authSecretFile(databasePath);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    expect(resolveAuthSecret({ DATABASE_PATH: databasePath })).toBe(secret);
  });
});
