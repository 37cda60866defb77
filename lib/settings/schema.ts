import { z } from "zod";
import { ANNOUNCE_MAX_CHARS } from "@/lib/subscription/headers";
import { SUBSCRIPTION_FORMATS } from "@/lib/subscription/types";
import { oneOf } from "@/lib/validation";

/** The placeholders renderRemark fills (lib/subscription/remarks.ts); anything else would reach clients as literal text. */
export const REMARK_PLACEHOLDERS = ["{HOST}", "{USERNAME}", "{TRANSPORT}"] as const;

/** How often clients may be told to refresh: at least hourly, at most weekly. */
export const UPDATE_INTERVAL_HOURS = { min: 1, max: 168 } as const;

const oneLine = (text: string) => !/[\p{Cc}]/u.test(text);

/** Form fields arrive as strings; a number from JSON or the CLI passes through. */
const wholeHours = z.preprocess(
  (value) => (typeof value === "string" ? (value.trim() === "" ? undefined : Number(value)) : value),
  z
    .number({ error: "must be a whole number of hours" })
    .int("must be a whole number of hours")
    .min(UPDATE_INTERVAL_HOURS.min, `must be between ${UPDATE_INTERVAL_HOURS.min} and ${UPDATE_INTERVAL_HOURS.max} hours`)
    .max(UPDATE_INTERVAL_HOURS.max, `must be between ${UPDATE_INTERVAL_HOURS.min} and ${UPDATE_INTERVAL_HOURS.max} hours`),
);

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const remarkTemplate = z
  .string()
  .trim()
  .min(1, { error: "is required", abort: true })
  .max(100, "must be at most 100 characters")
  .refine(oneLine, "must be one line")
  // One remark per host in a profile: without the host's name they differ only by a " 2" suffix.
  .refine((text) => text.includes("{HOST}"), "must contain {HOST}, so each server is told apart")
  .superRefine((text, context) => {
    const unknown = [...text.matchAll(/\{[A-Za-z_]+\}/g)].map((match) => match[0]).filter((token) => !(REMARK_PLACEHOLDERS as readonly string[]).includes(token));
    if (unknown.length > 0) context.addIssue({ code: "custom", message: `${unknown[0]} is not a placeholder; use ${REMARK_PLACEHOLDERS.join(", ")}` });
  })
  // formats.md: some clients decode the remark twice, so a literal %XX corrupts it.
  .refine((text) => !/%[0-9A-Fa-f]{2}/.test(text), "must not contain % followed by two hex digits (some clients decode remarks twice)");

/** The settings row as admins edit it (shared by the form, its preview and any other caller). */
export const settingsSchema = z.object({
  profileTitle: z.string().trim().min(1, { error: "is required", abort: true }).max(100, "must be at most 100 characters").refine(oneLine, "must be one line"),
  supportUrl: z.string().trim().max(500, "must be at most 500 characters").refine((text) => text === "" || isHttpUrl(text), "must be an http:// or https:// URL, or empty"),
  updateIntervalHours: wholeHours,
  announce: z
    .string()
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .refine((text) => [...text].length <= ANNOUNCE_MAX_CHARS, `must be at most ${ANNOUNCE_MAX_CHARS} characters (the announce header's limit)`),
  remarkTemplate,
  /** The version the form was loaded at: a save over someone else's newer change is refused. */
  version: z.preprocess((value) => (value === "" || value === null ? undefined : typeof value === "string" ? Number(value) : value), z.number().int().optional()),
});

export type SettingsInput = z.output<typeof settingsSchema>;
export type SettingsValues = Omit<SettingsInput, "version">;

export const SETTINGS_FIELDS = ["profileTitle", "supportUrl", "updateIntervalHours", "announce", "remarkTemplate"] as const satisfies ReadonlyArray<keyof SettingsValues>;

const ruleId = z.coerce.number({ error: "must be a rule id" }).int("must be a rule id").positive("must be a rule id");

/** A User-Agent rule as admins write it. */
export const uaRuleFieldsSchema = z.object({
  prefix: z
    .string()
    .trim()
    .min(1, { error: "is required", abort: true })
    .max(100, "must be at most 100 characters")
    // A User-Agent header is ASCII: a prefix with anything else could never match.
    .regex(/^[\x20-\x7e]+$/, "must be printable ASCII, as User-Agent headers are"),
  format: oneOf(SUBSCRIPTION_FORMATS),
  note: z.string().trim().max(200, "must be at most 200 characters").default(""),
});

export const createUaRuleSchema = uaRuleFieldsSchema.extend({
  /** Rules are tried in order: a new specific rule usually belongs above the general ones. */
  placement: oneOf(["first", "last"] as const).default("first"),
});

export const updateUaRuleSchema = uaRuleFieldsSchema.extend({ id: ruleId });
export const deleteUaRuleSchema = z.object({ id: ruleId });
export const moveUaRuleSchema = z.object({ id: ruleId, direction: oneOf(["up", "down"] as const) });

export const testUserAgentSchema = z.object({
  userAgent: z.string().max(1000, "must be at most 1000 characters"),
  /** Whether the request says Accept: text/html, as a browser's does. */
  acceptsHtml: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
});
