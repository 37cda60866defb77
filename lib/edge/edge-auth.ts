import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { edgeNodes } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { sha256Hex } from "@/lib/util/tokens";

export interface EdgeCaller {
  edgeId: number;
  name: string;
}

/** The edge behind `Authorization: Bearer <edge token>`; 401 for a missing, unknown or revoked token. */
export function authenticateEdge(db: Db, authorization: string | null): EdgeCaller {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new AppError("unauthorized", "send an edge token as 'Authorization: Bearer <token>'");
  const row = db
    .select({ id: edgeNodes.id, name: edgeNodes.name, revokedAt: edgeNodes.revokedAt })
    .from(edgeNodes)
    .where(eq(edgeNodes.tokenHash, sha256Hex(token)))
    .get();
  if (!row || row.revokedAt) throw new AppError("unauthorized", "the edge token is unknown or revoked");
  return { edgeId: row.id, name: row.name };
}

/**
 * Notes that the edge called in and, when it said `since`, the revision it has applied. One small
 * write per edge poll (at most every 30 s per edge, or once per change), never on the /sub path.
 */
export function recordEdgeSeen(
  db: Db,
  caller: EdgeCaller,
  seen: { at: Date; ip: string; appliedRevision: string | null; appliedUsersRevision?: string | null },
): void {
  db.update(edgeNodes)
    .set({
      lastSeenAt: seen.at,
      lastSeenIp: seen.ip,
      ...(seen.appliedRevision !== null && { appliedRevision: seen.appliedRevision }),
      ...(seen.appliedUsersRevision != null && { appliedUsersRevision: seen.appliedUsersRevision }),
    })
    .where(eq(edgeNodes.id, caller.edgeId))
    .run();
}
