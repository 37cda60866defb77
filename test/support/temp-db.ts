import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";

export interface TempDb {
  db: Db;
  file: string;
  dir: string;
  close: () => void;
}

/** A migrated SQLite file in a fresh temp directory, removed on close. */
export function createTempDb(): TempDb {
  const dir = mkdtempSync(path.join(tmpdir(), "rotor-test-"));
  const file = path.join(dir, "rotor.db");
  const db = openDatabase(file);
  migrateDatabase(db);
  return {
    db,
    file,
    dir,
    close: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
