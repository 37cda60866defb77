import { SqliteError } from "better-sqlite3";

/** True when `error` is SQLite refusing a duplicate in `table.column` (a UNIQUE constraint). */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
  const cause = error instanceof Error && error.cause instanceof SqliteError ? error.cause : error;
  return (
    cause instanceof SqliteError &&
    cause.code === "SQLITE_CONSTRAINT_UNIQUE" &&
    cause.message.includes(`${table}.${column}`)
  );
}
