import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { EnvError, getEnv } from "@/lib/env";
import { sha256Hex } from "@/lib/util/tokens";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens a SQLite database with the pragmas Rotor relies on; an unusable path is an EnvError. */
export function openDatabase(file: string): Db {
  let sqlite: Database.Database;
  try {
    if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    sqlite = new Database(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EnvError(`Invalid environment: DATABASE_PATH cannot be opened at ${JSON.stringify(file)} (${reason})`);
  }
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commit.
  sqlite.pragma("synchronous = NORMAL");
  // For migrations that derive hashes from existing rows (0004: subscription token hashes).
  sqlite.function("rotor_sha256", { deterministic: true }, (text: unknown) => sha256Hex(String(text)));
  return withImmediateTransactions(drizzle({ client: sqlite, schema }));
}

/**
 * Transactions start IMMEDIATE (taking the write lock first) unless a caller asks otherwise.
 * The server, the CLI and the tests are separate processes on one WAL file: a DEFERRED
 * transaction that reads and then writes fails at once with "database is locked" when another
 * connection committed in between, because busy_timeout cannot help a reader that must upgrade.
 * A read-only transaction passes `{ behavior: "deferred" }`.
 */
function withImmediateTransactions(db: Db): Db {
  const transaction = db.transaction.bind(db);
  const immediate: Db["transaction"] = (run, config) => transaction(run, { behavior: "immediate", ...config });
  return Object.assign(db, { transaction: immediate });
}

const cache = globalThis as unknown as { rotorDb?: Db };

/** The process-wide database at DATABASE_PATH (cached across hot reloads). */
export function getDb(): Db {
  cache.rotorDb ??= openDatabase(getEnv().DATABASE_PATH);
  return cache.rotorDb;
}
