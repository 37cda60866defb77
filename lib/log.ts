/** One-line structured-enough logs: `rotor <level> <message> key=value ...`. */
type Fields = Record<string, string | number | boolean | null | undefined>;

function format(level: string, message: string, fields: Fields = {}): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" && /\s/.test(value) ? JSON.stringify(value) : String(value)}`);
  return [`rotor ${level}`, message, ...pairs].join(" ");
}

export const log = {
  info: (message: string, fields?: Fields) => console.log(format("info", message, fields)),
  warn: (message: string, fields?: Fields) => console.warn(format("warn", message, fields)),
  error: (message: string, fields?: Fields) => console.error(format("error", message, fields)),
};
