import "server-only";
import { and, desc, eq, gte, lt, lte, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { hosts, ROTATION_REASONS, rotationHistory } from "@/lib/db/schema";
import { oneOf, parseInput } from "@/lib/validation";
import type { RotationJson } from "./present-rotation";

export const DEFAULT_ROTATIONS_LIMIT = 50;
export const MAX_ROTATIONS_LIMIT = 200;

/** A query-string value: absent or empty ("All hosts" in a filter form) means no filter. */
const param = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/**
 * A time bound: an ISO 8601 date-time, or a date, which means the start (`from`) or the end
 * (`to`, inclusive) of that day in UTC.
 */
const bound = (edge: "start" | "end") =>
  z.string().transform((text, ctx) => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const date = new Date(dateOnly ? `${text}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z` : text);
    const wellFormed = dateOnly || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
    if (!wellFormed || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be a date (2026-01-31) or an ISO 8601 date-time" });
      return z.NEVER;
    }
    return date;
  });

/** The keyset position after the last row of a page: its time and id, opaque to callers. */
const cursor = z.string().transform((text, ctx) => {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  if (!match) {
    ctx.addIssue({ code: "custom", message: "is not a cursor from a previous page" });
    return z.NEVER;
  }
  return { at: new Date(Number(match[1])), id: Number(match[2]) };
});

function encodeCursor(row: { at: Date; id: number }): string {
  return Buffer.from(`${row.at.getTime()}.${row.id}`, "utf8").toString("base64url");
}

/** Filters and paging of the rotation history, as query-string values (the UI's URL, GET /api/v1/rotations). */
export const listRotationsQuerySchema = z
  .object({
    hostId: param(z.coerce.number<string | number>({ error: "must be a host id" }).int("must be a host id").positive("must be a host id")),
    reason: param(oneOf(ROTATION_REASONS)),
    from: param(bound("start")),
    to: param(bound("end")),
    limit: param(
      z.coerce
        .number<string | number>({ error: "must be a whole number" })
        .int("must be a whole number")
        .min(1, `must be between 1 and ${MAX_ROTATIONS_LIMIT}`)
        .max(MAX_ROTATIONS_LIMIT, `must be between 1 and ${MAX_ROTATIONS_LIMIT}`),
    ).transform((value) => value ?? DEFAULT_ROTATIONS_LIMIT),
    cursor: param(cursor),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ["to"], message: "must not be before from" });

export type ListRotationsQuery = z.input<typeof listRotationsQuerySchema>;

/** One history entry: the contract's rotation shape (DESIGN.md, Shapes) plus its row id and host name. */
export interface RotationEntry extends RotationJson {
  id: number;
  hostName: string;
}

export interface RotationsPage {
  rotations: RotationEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The rotation history across hosts, newest first (by time, then id), filtered by host, reason
 * and time range. Pages are keyset-paged on (at, id), so rotations recorded while someone pages
 * never shift or repeat the rows of later pages.
 */
export function listRotations(db: Db, input: unknown): RotationsPage {
  const query = parseInput(listRotationsQuerySchema, input);
  const conditions: SQL[] = [];
  if (query.hostId !== undefined) conditions.push(eq(rotationHistory.hostId, query.hostId));
  if (query.reason) conditions.push(eq(rotationHistory.reason, query.reason));
  if (query.from) conditions.push(gte(rotationHistory.at, query.from));
  if (query.to) conditions.push(lte(rotationHistory.at, query.to));
  if (query.cursor) {
    const { at, id } = query.cursor;
    conditions.push(or(lt(rotationHistory.at, at), and(eq(rotationHistory.at, at), lt(rotationHistory.id, id)))!);
  }
  const rows = db
    .select({
      id: rotationHistory.id,
      hostId: rotationHistory.hostId,
      hostName: hosts.name,
      epoch: rotationHistory.epoch,
      fromPath: rotationHistory.fromPath,
      toPath: rotationHistory.toPath,
      at: rotationHistory.at,
      reason: rotationHistory.reason,
      actor: rotationHistory.actor,
    })
    .from(rotationHistory)
    .innerJoin(hosts, eq(hosts.id, rotationHistory.hostId))
    .where(and(...conditions))
    .orderBy(desc(rotationHistory.at), desc(rotationHistory.id))
    .limit(query.limit + 1)
    .all();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rotations: page.map((row) => ({ ...row, at: row.at.toISOString() })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}
