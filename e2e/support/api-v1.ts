import Database from "better-sqlite3";
import { E2E_DATABASE_PATH, rotorCli } from "./environment";

/** A name no other spec (or run) uses: specs share one server and one database. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export interface ApiToken {
  name: string;
  headers: Record<string, string>;
}

/** An API token with `scopes`, created through the CLI as an operator would. */
export function createToken(prefix: string, scopes: string): ApiToken {
  const name = uniqueName(prefix);
  const token = rotorCli(["token:create", "--name", name, "--scopes", scopes]).at(-1)!;
  return { name, headers: { Authorization: `Bearer ${token}` } };
}

/** Runs `read` on a read-only connection to the server's database. */
export function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(E2E_DATABASE_PATH, { readonly: true });
  db.pragma("busy_timeout = 5000");
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The audit entries a token's requests left, oldest first. */
export function auditOf(token: ApiToken): Array<{ action: string; target: string }> {
  return readDb((db) => db.prepare("SELECT action, target FROM audit_log WHERE actor = ? ORDER BY id").all(`api:${token.name}`) as Array<{ action: string; target: string }>);
}
