/**
 * `npm start`: validates the environment, builds once if there is no build yet, then runs
 * `next start` on PORT. Migrations, the session secret and the first admin are handled by
 * the server itself at start-up (instrumentation.ts), so `next start` alone works too.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { EnvError, getEnv } from "../lib/env";

const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

async function main(): Promise<number> {
  let port: number;
  try {
    port = getEnv().PORT;
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`rotor: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    console.log("rotor: no build yet, running `next build` once (about 20 s)");
    const code = await run(["build"]);
    if (code !== 0) return code;
  }
  return run(["start", "--port", String(port)]);
}

process.exitCode = await main();
