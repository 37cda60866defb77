import { SqliteError } from "better-sqlite3";
import { AppError } from "@/lib/errors";

/** True when `error` is SQLite refusing a duplicate in `table.column` (a UNIQUE constraint). */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  const cause = error instanceof Error && error.cause instanceof SqliteError ? error.cause : error;
  return (
    cause instanceof SqliteError &&
    cause.code === "SQLITE_CONSTRAINT_UNIQUE" &&
    cause.message.includes(`${table}.${column}`)
  );
}

/**
 * The error to throw after a failed insert: a `conflict` naming the taken field when SQLite
 * refused a duplicate `table.column`, otherwise the original error.
 */
export function asDuplicateConflict(error: unknown, duplicate: { table: string; column: string; field: string; message: string }): unknown {
  if (!isUniqueViolation(error, duplicate.table, duplicate.column)) return error;
  return new AppError("conflict", duplicate.message, { issues: [{ field: duplicate.field, message: "is already taken" }] });
}
