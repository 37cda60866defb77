import "server-only";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateToken } from "@/lib/util/tokens";

/** Where the generated session secret lives: beside the database, so one data/ dir holds all state. */
export function authSecretFile(databasePath: string): string {
  return path.join(path.dirname(path.resolve(databasePath)), "auth-secret");
}

/**
 * AUTH_SECRET when set; otherwise the secret persisted beside the database, generated on first
 * use. Creation uses O_EXCL so two processes starting together agree on one secret.
 */
export function resolveAuthSecret(env: { AUTH_SECRET?: string; DATABASE_PATH: string }): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = authSecretFile(env.DATABASE_PATH);
  let secret = secretsByFile.get(file);
  if (!secret) {
    secret = readOrCreateSecret(file);
    secretsByFile.set(file, secret);
  }
  return secret;
}

/** Read once per process: next-auth asks for the secret on every request. */
const secretsByFile = new Map<string, string>();

function readOrCreateSecret(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${generateToken(48)}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
