import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { catalogChanged } from "@/lib/subscription/catalog";
import { parseInput } from "@/lib/validation";
import { moveUaRuleSchema } from "./schema";
import { findUaRule, orderedIds, writeOrder } from "./ua-rules";

/** Swaps a rule with its neighbour above or below (positions stay 1..n) and audits it; returns the new position. */
export function moveUaRule(db: Db, input: unknown, options: { actor: string }): number {
  const { id, direction } = parseInput(moveUaRuleSchema, input);
  const position = db.transaction((tx) => {
    const rule = findUaRule(tx, id);
    const ids = orderedIds(tx);
    const from = ids.indexOf(id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) {
      throw new AppError("invalid_request", `"${rule.prefix}" is already the ${direction === "up" ? "first" : "last"} rule.`);
    }
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    writeOrder(tx, ids);
    recordAudit(tx, { actor: options.actor, action: "ua_rule.move", target: `ua_rule:${id}`, details: { prefix: rule.prefix, from: from + 1, to: to + 1 } });
    return to + 1;
  }, { behavior: "immediate" });
  catalogChanged();
  return position;
}
