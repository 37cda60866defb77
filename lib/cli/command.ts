import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { RotationStore } from "@/lib/rotation/store";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  /** Shown in help, e.g. `--username U`. */
  placeholder?: string;
  required?: boolean;
  /** The domain field this option fills, so validation errors name the option. */
  field?: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** What a command may touch; tests pass their own. */
export interface CliContext {
  env: Env;
  /** Opens the database at DATABASE_PATH with migrations applied. */
  db: () => Db;
  /** Opens the rotation store the server uses (etcd or embedded); closed when the command ends. */
  store: () => RotationStore;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads all of standard input. */
  readStdin: () => Promise<string>;
  /** Asks for a secret on the terminal without echo; undefined when there is no terminal. */
  promptSecret: (question: string) => Promise<string | undefined>;
  /** Releases what db() and store() opened. */
  dispose: () => Promise<void>;
}

export interface Command {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Extra help text after the option list. */
  notes?: string;
  /** False for commands that never open the database (default true). */
  usesDatabase?: boolean;
  run: (values: OptionValues, context: CliContext) => Promise<void> | void;
}

/** Bad command-line input: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function defineCommand(command: Command): Command {
  return command;
}

/** A string option's value (undefined when absent). */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** Parses an optional option's value with `parse`, or fails naming the option and the expected form. */
export function convertOption<T>(
  values: OptionValues,
  name: string,
  parse: (text: string) => T | undefined,
  expected: string,
): T | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const parsed = parse(text);
  if (parsed === undefined) throw new UsageError(`--${name}: expected ${expected} (got ${JSON.stringify(text)})`);
  return parsed;
}
