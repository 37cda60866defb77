/** Keys written bare; anything else (including words YAML 1.1 reads as null or a boolean) is quoted. */
const PLAIN_KEY = /^(?!(?:null|true|false|yes|no|on|off|y|n)$)[A-Za-z][A-Za-z0-9_-]*$/i;
/** Characters YAML does not allow raw in a double-quoted scalar but JSON.stringify leaves alone. */
const YAML_UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

type PlainMap = Readonly<Record<string, unknown>>;

/**
 * Block-style YAML for JSON-shaped data (maps, lists, strings, finite numbers, booleans, null),
 * written directly rather than through a document model: the Clash profile is rendered on every
 * subscription request, and the `yaml` package's stringify cost about 0.15 ms of the 0.17 ms a
 * profile took. Every string is double-quoted with JSON's escapes (a subset of YAML's), so no
 * value can turn into a number, a boolean or a comment. `undefined` values are left out, as in JSON.
 */
export function toBlockYaml(value: object): string {
  const lines: string[] = [];
  if (Array.isArray(value)) writeList(value, "", lines);
  else writeMap(asMap(value), "", lines);
  if (lines.length === 0) lines.push(inline(value));
  return `${lines.join("\n")}\n`;
}

function writeMap(map: PlainMap, indent: string, lines: string[], firstPrefix = indent): void {
  let prefix = firstPrefix;
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const head = `${prefix}${PLAIN_KEY.test(key) ? key : quote(key)}:`;
    prefix = indent;
    if (isNonEmptyList(value)) {
      lines.push(head);
      writeList(value, `${indent}  `, lines);
    } else if (isNonEmptyMap(value)) {
      lines.push(head);
      writeMap(value, `${indent}  `, lines);
    } else {
      lines.push(`${head} ${inline(value)}`);
    }
  }
  // A list item whose map had nothing to write still needs its dash.
  if (prefix !== indent) lines.push(`${prefix}{}`);
}

function writeList(list: readonly unknown[], indent: string, lines: string[]): void {
  for (const item of list) {
    if (isNonEmptyList(item)) {
      lines.push(`${indent}-`);
      writeList(item, `${indent}  `, lines);
    } else if (isNonEmptyMap(item)) {
      // The first key shares the dash's line; the rest line up under it.
      writeMap(item, `${indent}  `, lines, `${indent}- `);
    } else {
      lines.push(`${indent}- ${inline(item)}`);
    }
  }
}

/** A scalar, or an empty map or list in flow style. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return "[]";
  if (typeof value === "string") return quote(value);
  if (typeof value === "boolean" || value === null || value === undefined) return String(value ?? null);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`YAML cannot hold the number ${value}`);
    return String(value);
  }
  asMap(value);
  return "{}";
}

function quote(text: string): string {
  return JSON.stringify(text).replace(YAML_UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function isNonEmptyList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && value.length > 0;
}

function isNonEmptyMap(value: unknown): value is PlainMap {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(asMap(value)).length > 0;
}

/** Only plain objects are maps; a Date or a class instance would be written wrong, so it is refused. */
function asMap(value: unknown): PlainMap {
  const proto = typeof value === "object" && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`YAML cannot hold ${String(value)}`);
  return value as PlainMap;
}
