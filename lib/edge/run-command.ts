import { spawn } from "node:child_process";

export interface CommandResult {
  ok: boolean;
  /** Exit code, or the signal that ended it, or "timeout". */
  outcome: string;
  durationMs: number;
  /** The last lines of stdout and stderr together, for the log. */
  output: string;
}

const OUTPUT_TAIL_CHARS = 2000;

/** Runs `command` with `sh -c` (so `nginx -t && nginx -s reload` works) and reports how it ended. */
export function runShellCommand(command: string, options: { timeoutMs: number }): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    const finish = (outcome: string, ok: boolean) => {
      clearTimeout(timer);
      resolve({ ok, outcome, durationMs: Math.round(performance.now() - started), output: output.trim() });
    };
    child.on("error", (error) => finish(`failed to start: ${error.message}`, false));
    child.on("close", (code, signal) => {
      if (timedOut) finish("timeout", false);
      else if (code !== null) finish(`exit ${code}`, code === 0);
      else finish(`signal ${signal}`, false);
    });
  });
}
