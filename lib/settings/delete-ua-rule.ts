import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { userAgentRules } from "@/lib/db/schema";
import { catalogChanged } from "@/lib/subscription/catalog";
import { parseInput } from "@/lib/validation";
import { deleteUaRuleSchema } from "./schema";
import { findUaRule, orderedIds, writeOrder, type UaRule } from "./ua-rules";

/** Deletes a rule, closes the gap in the positions, and audits it. */
export function deleteUaRule(db: Db, input: unknown, options: { actor: string }): UaRule {
  const { id } = parseInput(deleteUaRuleSchema, input);
  const removed = db.transaction((tx) => {
    const rule = findUaRule(tx, id);
    tx.delete(userAgentRules).where(eq(userAgentRules.id, id)).run();
    writeOrder(tx, orderedIds(tx));
    recordAudit(tx, { actor: options.actor, action: "ua_rule.delete", target: `ua_rule:${id}`, details: { prefix: rule.prefix, format: rule.format, position: rule.position } });
    return rule;
  }, { behavior: "immediate" });
  catalogChanged();
  return removed;
}
