import type { CliContext } from "@/lib/cli/command";
import { COMMANDS } from "@/lib/cli/commands";
import { runCli } from "@/lib/cli/run-cli";
import { parseEnv } from "@/lib/env";
import { createRotationStore } from "@/lib/rotation/create-store";
import type { RotationStore } from "@/lib/rotation/store";
import { createTempDb, type TempDb } from "./temp-db";

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** Runs CLI commands in-process against a temp database, capturing output. */
export function createCliHarness(env: Record<string, string> = {}) {
  const temp: TempDb = createTempDb();
  const parsedEnv = parseEnv({ DATABASE_PATH: temp.file, ...env });
  return {
    temp,
    async run(argv: string[], stdin = ""): Promise<CliRun> {
      const stdout: string[] = [];
      const stderr: string[] = [];
      let store: RotationStore | undefined;
      const context: CliContext = {
        env: parsedEnv,
        db: () => temp.db,
        store: () => (store ??= createRotationStore(parsedEnv, temp.db)),
        dispose: async () => {
          await store?.close();
        },
        out: (line) => stdout.push(line),
        err: (line) => stderr.push(line),
        readStdin: async () => stdin,
        promptSecret: async () => undefined,
      };
      const code = await runCli(argv, COMMANDS, () => context, context.err, context.out);
      return { code, stdout, stderr };
    },
    close: temp.close,
  };
}
