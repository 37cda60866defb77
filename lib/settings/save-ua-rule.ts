import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { userAgentRules } from "@/lib/db/schema";
import { catalogChanged } from "@/lib/subscription/catalog";
import { parseInput } from "@/lib/validation";
import { createUaRuleSchema, updateUaRuleSchema } from "./schema";
import { findUaRule, orderedIds, refuseDuplicatePrefix, writeOrder, type UaRule } from "./ua-rules";

/** Adds a rule first or last in the order (positions stay 1..n) and audits it. */
export function createUaRule(db: Db, input: unknown, options: { actor: string }): UaRule {
  const { placement, ...fields } = parseInput(createUaRuleSchema, input);
  const rule = db.transaction((tx) => {
    refuseDuplicatePrefix(tx, fields.prefix);
    const ids = orderedIds(tx);
    // Position 0 keeps the row out of the way until writeOrder numbers everything.
    const inserted = tx.insert(userAgentRules).values({ ...fields, position: 0 }).returning().get();
    const order = placement === "first" ? [inserted.id, ...ids] : [...ids, inserted.id];
    writeOrder(tx, order);
    const position = order.indexOf(inserted.id) + 1;
    recordAudit(tx, { actor: options.actor, action: "ua_rule.create", target: `ua_rule:${inserted.id}`, details: { ...fields, position } });
    return { ...inserted, position };
  }, { behavior: "immediate" });
  catalogChanged();
  return rule;
}

/** Changes a rule's prefix, format or note (not its place) and audits what changed. */
export function updateUaRule(db: Db, input: unknown, options: { actor: string }): UaRule {
  const { id, ...fields } = parseInput(updateUaRuleSchema, input);
  const rule = db.transaction((tx) => {
    const current = findUaRule(tx, id);
    refuseDuplicatePrefix(tx, fields.prefix, id);
    const changes = Object.fromEntries(
      (["prefix", "format", "note"] as const).filter((field) => fields[field] !== current[field]).map((field) => [field, { from: current[field], to: fields[field] }]),
    );
    if (Object.keys(changes).length === 0) return current;
    const updated = tx.update(userAgentRules).set(fields).where(eq(userAgentRules.id, id)).returning().get()!;
    recordAudit(tx, { actor: options.actor, action: "ua_rule.update", target: `ua_rule:${id}`, details: { prefix: updated.prefix, changes } });
    return updated;
  }, { behavior: "immediate" });
  catalogChanged();
  return rule;
}
