import type { Db } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { createRotationStore } from "@/lib/rotation/create-store";
import type { RotationStore } from "@/lib/rotation/store";
import type { CliContext } from "./command";
import { COMMANDS } from "./commands";
import { runCli } from "./run-cli";
import { promptSecret, readAllStdin } from "./terminal";

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function makeContext(): CliContext {
  const env = getEnv();
  let db: Db | undefined;
  let store: RotationStore | undefined;
  const openDb = () => {
    if (!db) {
      db = getDb();
      migrateDatabase(db);
    }
    return db;
  };
  return {
    env,
    db: openDb,
    store: () => (store ??= createRotationStore(env, openDb())),
    dispose: async () => {
      await store?.close();
    },
    out,
    err,
    readStdin: readAllStdin,
    promptSecret,
  };
}

process.exitCode = await runCli(process.argv.slice(2), COMMANDS, makeContext, err, out);
