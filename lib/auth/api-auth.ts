import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiTokens, type ApiScope } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { sha256Hex } from "@/lib/util/tokens";

export interface ApiCaller {
  tokenId: number;
  name: string;
  scopes: ApiScope[];
}

/** lastUsedAt is a hint for admins, not an audit trail: write it at most once a minute per token. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The caller behind `Authorization: Bearer <api token>`, if the token is live and carries
 * `scope` (the `admin` scope carries every scope). 401 without a valid token, 403 without the scope.
 */
export function authenticateApiToken(db: Db, authorization: string | null, scope: ApiScope): ApiCaller {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) throw new AppError("unauthorized", "send an API token as 'Authorization: Bearer <token>'");
  // Looked up by hash: the database never sees the token, and the lookup is an index probe.
  const row = db.select().from(apiTokens).where(eq(apiTokens.tokenHash, sha256Hex(token))).get();
  if (!row || row.revokedAt) throw new AppError("unauthorized", "the API token is unknown or revoked");
  if (!row.scopes.includes(scope) && !row.scopes.includes("admin")) {
    throw new AppError("forbidden", `the API token lacks the '${scope}' scope`);
  }
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.id)).run();
  }
  return { tokenId: row.id, name: row.name, scopes: row.scopes };
}
