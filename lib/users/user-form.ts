import { z } from "zod";
import { formatDuration, formatSize, parseDuration, parseExpiry, parseSize } from "@/lib/util/units";
import { parseInput } from "@/lib/validation";
import { dataLimitBytesSchema, expiresAtSchema, noteSchema, onHoldSecondsSchema, resetStrategySchema, usernameSchema } from "./schema";
import { beforeFieldName, USER_FORM_FIELDS } from "./user-form-fields";

export { beforeFieldName, USER_FORM_FIELDS, type UserFormField } from "./user-form-fields";

/**
 * The user form's text fields (named as the domain's fields, so every error lands beside its
 * field) turned into createUser / updateUser input: "50GB" → bytes, "2026-12-31" → the end of
 * that day (UTC), "30d" → seconds on hold, an empty limit, expiry or hold → null (unlimited,
 * never, not on hold), no reset strategy → none.
 */
const sizeText = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return null;
    const bytes = parseSize(text);
    if (bytes === undefined) ctx.addIssue({ code: "custom", message: "must be a size like 50GB or 500MiB (empty = unlimited)" });
    return bytes ?? z.NEVER;
  })
  .pipe(dataLimitBytesSchema);

const dateText = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return null;
    const date = parseExpiry(text);
    if (date === undefined) ctx.addIssue({ code: "custom", message: "must be a date like 2026-12-31 (empty = never)" });
    return date ?? z.NEVER;
  })
  .pipe(expiresAtSchema);

const durationText = z
  .string()
  .trim()
  .transform((text, ctx) => {
    if (text === "") return null;
    const seconds = parseDuration(text);
    if (seconds === undefined) ctx.addIssue({ code: "custom", message: "must be a duration like 30d or 12h (empty = not on hold)" });
    return seconds ?? z.NEVER;
  })
  .pipe(onHoldSecondsSchema);

const strategyText = z
  .string()
  .trim()
  .transform((text) => text || "none")
  .pipe(resetStrategySchema);

const userFormSchema = z.object({
  username: usernameSchema,
  dataLimitBytes: sizeText,
  resetStrategy: strategyText,
  expiresAt: dateText,
  onHoldSeconds: durationText,
  note: noteSchema,
});


function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The create form → createUser input; every bad field is reported at once. */
export function parseCreateUserForm(formData: FormData) {
  return parseInput(userFormSchema, Object.fromEntries(USER_FORM_FIELDS.map((field) => [field, text(formData, field) ?? ""])));
}

/**
 * The edit form → a PATCH of only the fields the admin changed (their text differs from the
 * hidden initial copy), so saving one field never overwrites another admin's change to another.
 */
export function parseUserPatchForm(formData: FormData) {
  const changed = Object.fromEntries(
    USER_FORM_FIELDS.flatMap((field) => {
      const value = text(formData, field);
      return value !== undefined && value !== text(formData, beforeFieldName(field)) ? [[field, value]] : [];
    }),
  );
  return parseInput(userFormSchema.partial(), changed);
}

/** The bulk form (checked `ids`, the pressed button's `intent`, `days`) → bulkUpdateUsers input. */
export function bulkFormInput(formData: FormData) {
  return { action: text(formData, "intent"), ids: formData.getAll("ids").map(String), days: text(formData, "days") };
}

/** A data limit as the edit form shows it: "50 GB" when that reads back exactly, else the bytes. */
export function sizeFieldText(bytes: number | null): string {
  if (bytes === null) return "";
  const formatted = formatSize(bytes);
  return parseSize(formatted) === bytes ? formatted.replace(" ", "") : String(bytes);
}

/** A hold as the form shows it: 2592000 → "30d"; not on hold → "". */
export function durationFieldText(seconds: number | null): string {
  return seconds === null ? "" : formatDuration(seconds);
}

/** An expiry as a date input shows it (the UTC day). */
export function dateFieldText(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : "";
}
