import { parseArgs } from "node:util";
import { EnvError } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { UsageError, type CliContext, type Command, type OptionValues } from "./command";
import { commandHelp, programHelp } from "./help";

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Runs one CLI invocation; returns the exit code. Every failure is one line on stderr. */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  makeContext: () => CliContext,
  err: (line: string) => void,
  out: (line: string) => void,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? err : out)(programHelp(commands));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    err(`rotor: unknown command "${name}" (run 'npm run rotor -- --help' for the list)`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    out(commandHelp(command));
    return EXIT_OK;
  }
  let context: CliContext | undefined;
  try {
    const values = parseOptions(command, rest);
    context = makeContext();
    await command.run(values, context);
    return EXIT_OK;
  } catch (error) {
    return reportError(command, error, err);
  } finally {
    await context?.dispose();
  }
}

function parseOptions(command: Command, args: string[]): OptionValues {
  let values: OptionValues;
  try {
    // No option is declared `multiple`, so every value is a string or a boolean.
    ({ values } = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type }]),
      ),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && values[name] === undefined) throw new UsageError(`--${name} is required`);
    const value = values[name];
    if (typeof value === "string" && value.trim() === "" && spec.required) throw new UsageError(`--${name} must not be empty`);
  }
  return values;
}

/** node's parseArgs messages run to several sentences; keep the first fact. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `unexpected argument "${positional[1]}" (options are written --name value)`;
  return message.split(". ")[0] ?? message;
}

function reportError(command: Command, error: unknown, err: (line: string) => void): number {
  const prefix = `rotor ${command.name}:`;
  if (error instanceof UsageError || error instanceof EnvError) {
    err(`${prefix} ${error.message}`);
    return EXIT_USAGE;
  }
  if (error instanceof AppError) {
    const issue = error.details.issues?.[0];
    const option = issue && Object.entries(command.options).find(([, spec]) => spec.field !== undefined && (issue.field === spec.field || issue.field.startsWith(`${spec.field}.`)))?.[0];
    err(`${prefix} ${option && issue ? `--${option}: ${issue.message}` : error.message}`);
    return error.code === "invalid_request" ? EXIT_USAGE : EXIT_FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  err(`${prefix} unexpected error: ${message.split("\n")[0]}`);
  return EXIT_FAILURE;
}
