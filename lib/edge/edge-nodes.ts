import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { edgeNodes } from "@/lib/db/schema";
import { asDuplicateConflict } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { generateToken, sha256Hex } from "@/lib/util/tokens";
import { parseInput } from "@/lib/validation";

/** Prefix that tells an edge token from an API token (`rtr_`) at a glance and to secret scanners. */
export const EDGE_TOKEN_PREFIX = "rte_";

export const edgeNameSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "may hold letters, digits, '.', '_' and '-', starting with a letter or digit");

const createEdgeSchema = z.object({ name: edgeNameSchema });

export type EdgeNode = typeof edgeNodes.$inferSelect;

/** Registers an edge node; returns its token, which is stored only as its SHA-256. */
export function createEdgeNode(db: Db, input: unknown, options: { actor: string }) {
  const { name } = parseInput(createEdgeSchema, input);
  const token = `${EDGE_TOKEN_PREFIX}${generateToken(32)}`;
  try {
    const row = db.transaction((tx) => {
      const inserted = tx
        .insert(edgeNodes)
        .values({ name, tokenHash: sha256Hex(token) })
        .returning({ id: edgeNodes.id, name: edgeNodes.name })
        .get();
      recordAudit(tx, { actor: options.actor, action: "edge.create", target: `edge:${inserted.id}`, details: { name } });
      return inserted;
    });
    return { token, ...row };
  } catch (error) {
    throw asDuplicateConflict(error, {
      table: "edge_nodes",
      column: "name",
      field: "name",
      message: `an edge named "${name}" already exists; revoke it first or pick another name`,
    });
  }
}

/** Every edge node, live ones first, oldest first within each group. */
export function listEdgeNodes(db: Db): EdgeNode[] {
  const rows = db.select().from(edgeNodes).orderBy(asc(edgeNodes.id)).all();
  return [...rows.filter((row) => !row.revokedAt), ...rows.filter((row) => row.revokedAt)];
}

/** Revokes the live edge with this name: its token is refused from the next request on. */
export function revokeEdgeNode(db: Db, input: unknown, options: { actor: string; now?: Date }): EdgeNode {
  const { name } = parseInput(createEdgeSchema, input);
  return db.transaction((tx) => {
    const revoked = tx
      .update(edgeNodes)
      .set({ revokedAt: options.now ?? new Date() })
      .where(and(eq(edgeNodes.name, name), isNull(edgeNodes.revokedAt)))
      .returning()
      .get();
    if (!revoked) throw new AppError("not_found", `no live edge is named "${name}"`);
    recordAudit(tx, { actor: options.actor, action: "edge.revoke", target: `edge:${revoked.id}`, details: { name } });
    return revoked;
  });
}
