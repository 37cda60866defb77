import { z } from "zod";
import { AppError, type FieldIssue } from "@/lib/errors";

/** Flattens zod issues to `{field, message}` pairs, field being the dotted path. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "(input)",
    message: issue.message,
  }));
}

/** Parses `input` or throws an `invalid_request` AppError listing every bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = fieldIssues(result.error);
  const first = issues[0];
  const summary = first ? `${first.field}: ${first.message}` : "invalid input";
  throw new AppError("invalid_request", summary, { issues });
}

/** A zod enum whose error lists the allowed values in plain words. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(", ")}` });
}
