import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { API_SCOPES, apiTokens } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { generateToken, sha256Hex } from "@/lib/util/tokens";
import { oneOf, parseInput } from "@/lib/validation";

/** Prefix that makes a leaked Rotor token recognisable to secret scanners. */
export const API_TOKEN_PREFIX = "rtr_";

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
  scopes: z.array(oneOf(API_SCOPES)).min(1, "list at least one scope").default(["read"]),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/** Creates an API token; returns the token itself, which is stored only as its SHA-256. */
export function createApiToken(db: Db, input: unknown, options: { actor: string }) {
  const fields = parseInput(createApiTokenSchema, input);
  const token = `${API_TOKEN_PREFIX}${generateToken(32)}`;
  const scopes = [...new Set(fields.scopes)];
  const row = db.transaction((tx) => {
    const inserted = tx
      .insert(apiTokens)
      .values({ name: fields.name, scopes, tokenHash: sha256Hex(token) })
      .returning({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes })
      .get();
    recordAudit(tx, {
      actor: options.actor,
      action: "api_token.create",
      target: `api_token:${inserted.id}`,
      details: { name: inserted.name, scopes },
    });
    return inserted;
  });
  return { token, ...row };
}

/** Every API token (never the token itself): live ones first, newest first within each group. */
export function listApiTokens(db: Db) {
  const rows = db
    .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .orderBy(desc(apiTokens.id))
    .all();
  return [...rows.filter((row) => !row.revokedAt), ...rows.filter((row) => row.revokedAt)];
}

/** Revokes a live API token: its next request is answered 401. */
export function revokeApiToken(db: Db, input: unknown, options: { actor: string; now?: Date }) {
  const { tokenId } = parseInput(z.object({ tokenId: z.coerce.number().int().positive() }), input);
  return db.transaction((tx) => {
    const revoked = tx
      .update(apiTokens)
      .set({ revokedAt: options.now ?? new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name })
      .get();
    if (!revoked) throw new AppError("not_found", `no live API token with id ${tokenId}`);
    recordAudit(tx, { actor: options.actor, action: "api_token.revoke", target: `api_token:${revoked.id}`, details: { name: revoked.name } });
    return revoked;
  });
}
