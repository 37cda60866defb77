import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { API_SCOPES, apiTokens } from "@/lib/db/schema";
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
