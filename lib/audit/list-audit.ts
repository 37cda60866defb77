import "server-only";
import { and, asc, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { parseInput } from "@/lib/validation";

export type AuditEntry = typeof auditLog.$inferSelect;

/** A place in the log, newest first: entries are ordered by time, then by id within one millisecond. */
export interface AuditCursor {
  at: number;
  id: number;
}

export interface AuditFilters {
  /** The exact actor, e.g. `admin:ann`, `cli`, `api:ci`. */
  actor?: string;
  /** The start of the action, e.g. `user.` for every user action. */
  action?: string;
  /** The exact target, e.g. `user:42`. */
  target?: string;
  /** Entries at or after this time. */
  from?: Date;
  /** Entries at or before this time. */
  to?: Date;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** The cursor for the next, older page; null on the oldest. */
  older: AuditCursor | null;
  /** The cursor for the previous, newer page; null on the newest. */
  newer: AuditCursor | null;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * One page of the audit log, newest first, by keyset: a page costs the same however deep it is,
 * and entries written meanwhile never shift or repeat rows the way an offset would.
 */
export function listAudit(db: Db, options: { filters?: AuditFilters; before?: AuditCursor; after?: AuditCursor; limit?: number } = {}): AuditPage {
  const limit = options.limit ?? AUDIT_PAGE_SIZE;
  const filters = filterConditions(options.filters ?? {});
  const key = sql`(${auditLog.at}, ${auditLog.id})`;
  const newerThan = (cursor: AuditCursor) => sql`${key} > (${cursor.at}, ${cursor.id})`;
  const olderThan = (cursor: AuditCursor) => sql`${key} < (${cursor.at}, ${cursor.id})`;
  const select = (position: SQL | undefined, newestFirst: boolean, count: number) =>
    db
      .select()
      .from(auditLog)
      .where(and(...filters, position))
      .orderBy(...(newestFirst ? [desc(auditLog.at), desc(auditLog.id)] : [asc(auditLog.at), asc(auditLog.id)]))
      .limit(count)
      .all();

  let entries: AuditEntry[];
  let olderRemain: boolean | undefined;
  if (options.after) {
    // Back towards the newest: read upwards from the cursor. Fewer than a page up there means
    // this is the newest page, shown in full rather than as a stub.
    const rows = select(newerThan(options.after), false, limit + 1);
    if (rows.length <= limit) return listAudit(db, { filters: options.filters, limit });
    entries = rows.slice(0, limit).reverse();
  } else {
    const rows = select(options.before && olderThan(options.before), true, limit + 1);
    entries = rows.slice(0, limit);
    olderRemain = rows.length > limit;
  }
  const first = entries[0];
  const last = entries.at(-1);
  if (!first || !last) return { entries, older: null, newer: null };
  olderRemain ??= select(olderThan(cursorOf(last)), true, 1).length > 0;
  // The first page has nothing newer by definition; any other page checks under these filters.
  const newerRemain = (options.before ?? options.after) !== undefined && select(newerThan(cursorOf(first)), false, 1).length > 0;
  return { entries, older: olderRemain ? cursorOf(last) : null, newer: newerRemain ? cursorOf(first) : null };
}

function filterConditions(filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.actor) conditions.push(eq(auditLog.actor, filters.actor));
  // substr compares characters exactly: no LIKE wildcards to escape, no case folding.
  if (filters.action) conditions.push(sql`substr(${auditLog.action}, 1, ${[...filters.action].length}) = ${filters.action}`);
  if (filters.target) conditions.push(eq(auditLog.target, filters.target));
  if (filters.from) conditions.push(gte(auditLog.at, filters.from));
  if (filters.to) conditions.push(lte(auditLog.at, filters.to));
  return conditions;
}

function cursorOf(entry: AuditEntry): AuditCursor {
  return { at: entry.at.getTime(), id: entry.id };
}

/** A cursor as it appears in the URL: `<ms>_<id>`. */
export function formatAuditCursor(cursor: AuditCursor): string {
  return `${cursor.at}_${cursor.id}`;
}

const text = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .optional()
  .transform((value) => value || undefined);

/** `YYYY-MM-DDTHH:mm[:ss]` as a datetime-local input sends it, read as UTC. */
const utcMinute = (endOfPeriod: boolean) =>
  text.pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "must be a date and time, YYYY-MM-DDTHH:mm (UTC)")
      .transform((value, context) => {
        const date = new Date(`${value}Z`);
        // Date rolls 30 February over into March; a real date reads back as written.
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, value.length) !== value) {
          context.addIssue({ code: "custom", message: "is not a real date and time" });
          return z.NEVER;
        }
        // "Until 12:30" includes everything written during 12:30.
        return endOfPeriod ? new Date(date.getTime() + (value.length > 16 ? 999 : 59_999)) : date;
      })
      .optional(),
  );

const cursor = text.pipe(
  z
    .string()
    .regex(/^\d{1,15}_\d{1,15}$/, "is not a page of this log")
    .transform((value): AuditCursor => {
      const [at, id] = value.split("_").map(Number);
      return { at: at!, id: id! };
    })
    .optional(),
);

/** The audit page's URL query: its filters and the page cursor. */
export const auditQuerySchema = z.object({
  actor: text,
  action: text,
  target: text,
  from: utcMinute(false),
  to: utcMinute(true),
  before: cursor,
  after: cursor,
});

/** Reads the audit page's query (first value of each parameter); bad values are an invalid_request naming the field. */
export function parseAuditQuery(searchParams: Record<string, string | string[] | undefined>) {
  const first = Object.fromEntries(Object.entries(searchParams).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]));
  const { before, after, ...filters } = parseInput(auditQuerySchema, first);
  return { filters, before, after };
}

/** The actors the log names, for the filter's suggestions (read from the actor index alone). */
export function listAuditActors(db: Db, limit = 200): string[] {
  return db
    .selectDistinct({ actor: auditLog.actor })
    .from(auditLog)
    .orderBy(asc(auditLog.actor))
    .limit(limit)
    .all()
    .map((row) => row.actor);
}
