import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { hosts } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

export type Host = typeof hosts.$inferSelect;

/** A host by id; `not_found` when there is none. */
export function getHost(db: Pick<DbOrTx, "select">, hostId: number): Host {
  const host = db.select().from(hosts).where(eq(hosts.id, hostId)).get();
  if (!host) throw new AppError("not_found", `host ${hostId} does not exist`);
  return host;
}
