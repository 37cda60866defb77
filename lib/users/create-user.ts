import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { asDuplicateConflict } from "@/lib/db/unique-violation";
import { generateToken, sha256Hex } from "@/lib/util/tokens";
import { parseInput } from "@/lib/validation";
import { checkNewUserOnHold } from "./on-hold";
import { createUserSchema } from "./schema";

/** 24 random bytes = 192 bits, above the 128 the design asks for. */
const SUBSCRIPTION_TOKEN_BYTES = 24;

export function generateSubscriptionToken(): string {
  return generateToken(SUBSCRIPTION_TOKEN_BYTES);
}

/** The token and the hash /sub looks it up by, always written together. */
export function subscriptionTokenColumns(token: string) {
  return { subscriptionToken: token, subscriptionTokenHash: sha256Hex(token) };
}

/** Creates a user (input validated with createUserSchema) with a fresh VLESS uuid and subscription token, and audits it. */
export function createUser(db: Db, input: unknown, options: { actor: string }) {
  const fields = parseInput(createUserSchema, input);
  checkNewUserOnHold(fields);
  try {
    return db.transaction((tx) => {
      const user = tx
        .insert(users)
        .values({ ...fields, uuid: randomUUID(), ...subscriptionTokenColumns(generateSubscriptionToken()) })
        .returning()
        .get();
      recordAudit(tx, {
        actor: options.actor,
        action: "user.create",
        target: `user:${user.id}`,
        details: { username: user.username },
      });
      return user;
    });
  } catch (error) {
    throw asDuplicateConflict(error, { table: "users", column: "username", field: "username", message: `a user named "${fields.username}" already exists` });
  }
}
