import type { Command } from "./command";

const PROGRAM = "npm run rotor --";

function optionLabel(name: string, spec: Command["options"][string]): string {
  const flag = spec.type === "boolean" ? `--${name}` : `--${name} ${spec.placeholder ?? "VALUE"}`;
  return spec.required ? flag : `[${flag}]`;
}

/** The help text of one command, generated from its option specs. */
export function commandHelp(command: Command): string {
  const entries = Object.entries(command.options);
  const usage = [`${PROGRAM} ${command.name}`, ...entries.map(([name, spec]) => optionLabel(name, spec))].join(" ");
  const width = Math.max(0, ...entries.map(([name, spec]) => optionLabel(name, spec).length)) + 2;
  const lines = [`Usage: ${usage}`, "", command.summary];
  if (entries.length > 0) {
    lines.push("", "Options:");
    for (const [name, spec] of entries) lines.push(`  ${optionLabel(name, spec).padEnd(width)}${spec.description}`);
  }
  lines.push(`  ${"--help".padEnd(width)}show this help`);
  if (command.notes) lines.push("", command.notes);
  return lines.join("\n");
}

/** The list of commands, for `rotor --help`. */
export function programHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    "",
    `Run '${PROGRAM} <command> --help' for a command's options.`,
  ].join("\n");
}
