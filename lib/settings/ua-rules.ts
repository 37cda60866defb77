import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { userAgentRules } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { loadUserAgentRules, type StoredUserAgentRule } from "@/lib/subscription/catalog";

export type UaRule = StoredUserAgentRule;

export interface ListedUaRule extends UaRule {
  /** An earlier rule whose prefix starts this one's: it takes every User-Agent this one could match. */
  shadowedBy: { id: number; position: number; prefix: string } | null;
}

/** The rules in the order /sub tries them, each with the earlier rule (if any) that leaves it unreachable. */
export function listUaRules(db: Db): ListedUaRule[] {
  const rules = loadUserAgentRules(db);
  return rules.map((rule, index) => {
    const lower = rule.prefix.toLowerCase();
    const earlier = rules.slice(0, index).find((other) => lower.startsWith(other.prefix.toLowerCase()));
    return { ...rule, shadowedBy: earlier ? { id: earlier.id, position: earlier.position, prefix: earlier.prefix } : null };
  });
}

/** The rule with this id, or a not_found the form can show. */
export function findUaRule(tx: DbOrTx, id: number): UaRule {
  const rule = tx.select().from(userAgentRules).where(eq(userAgentRules.id, id)).get();
  if (!rule) throw new AppError("not_found", "That rule no longer exists (someone may have deleted it). Reload the page.");
  return rule;
}

/** Refuses a prefix another rule already has, ignoring case as matching does. */
export function refuseDuplicatePrefix(tx: DbOrTx, prefix: string, exceptId?: number): void {
  // Prefixes are ASCII (the schema says so), which SQLite's lower() folds completely.
  const same = sql`lower(${userAgentRules.prefix}) = lower(${prefix})`;
  const clash = tx
    .select({ prefix: userAgentRules.prefix })
    .from(userAgentRules)
    .where(exceptId === undefined ? same : and(same, ne(userAgentRules.id, exceptId)))
    .get();
  if (clash) {
    throw new AppError("conflict", `A rule for "${clash.prefix}" already exists (prefixes are compared ignoring case).`, {
      issues: [{ field: "prefix", message: `is already a rule ("${clash.prefix}")` }],
    });
  }
}

/** The rules' ids in their current order. */
export function orderedIds(tx: DbOrTx): number[] {
  return tx
    .select({ id: userAgentRules.id })
    .from(userAgentRules)
    .orderBy(asc(userAgentRules.position), asc(userAgentRules.id))
    .all()
    .map((row) => row.id);
}

/** Writes positions 1..n in the given order, touching only rows whose position changes. */
export function writeOrder(tx: DbOrTx, ids: readonly number[]): void {
  const current = new Map(tx.select({ id: userAgentRules.id, position: userAgentRules.position }).from(userAgentRules).all().map((row) => [row.id, row.position]));
  ids.forEach((id, index) => {
    if (current.get(id) !== index + 1) tx.update(userAgentRules).set({ position: index + 1 }).where(eq(userAgentRules.id, id)).run();
  });
}
