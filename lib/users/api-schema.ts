import { z } from "zod";
import { RESET_STRATEGIES, USER_STATUSES } from "@/lib/db/schema";
import { oneOf } from "@/lib/validation";
import { bulkUsersSchema, createUserSchema, dataLimitBytesSchema, listUsersQuerySchema, noteSchema, updateUserSchema, usernameSchema } from "./schema";

/** JSON has no dates: the API takes an ISO 8601 date-time with an offset and hands createUser a Date. */
const expiresAtJson = z.iso
  .datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z" })
  .transform((text) => new Date(text))
  .nullable();

/** POST /api/v1/users: createUserSchema with a JSON expiry; unknown fields are refused. */
export const createUserBodySchema = z.strictObject({
  ...createUserSchema.shape,
  expiresAt: expiresAtJson.default(null),
});

/** PATCH /api/v1/users/{id}: updateUserSchema (absent = unchanged, null clears) with a JSON expiry. */
export const updateUserBodySchema = z.strictObject({
  ...updateUserSchema.shape,
  expiresAt: expiresAtJson.optional(),
});

/** POST /api/v1/users/bulk: bulkUsersSchema with unknown fields refused, as in every API body. */
export const bulkUsersBodySchema = z.discriminatedUnion(
  "action",
  // Same fields and outputs as the shared options; only unknown keys are treated differently.
  bulkUsersSchema.options.map((option) => z.strictObject(option.shape)) as unknown as typeof bulkUsersSchema.options,
  { error: "must be one of enable, disable, delete, reset_token, extend" },
);

/** The keyset position after a page's last user (by id), opaque to callers. */
const userCursor = z.string().transform((text, ctx) => {
  const match = /^u(\d{1,15})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  if (!match) {
    ctx.addIssue({ code: "custom", message: "is not a cursor from a previous page" });
    return z.NEVER;
  }
  return Number(match[1]);
});

export function encodeUserCursor(id: number): string {
  return Buffer.from(`u${id}`, "utf8").toString("base64url");
}

export const MAX_USERS_PAGE = 500;

/**
 * GET /api/v1/users: the admin list's search and status filter, paged by a keyset on id (oldest
 * first), so users created or deleted while someone pages never shift or repeat later pages.
 */
export const listUsersApiQuerySchema = z.object({
  search: listUsersQuerySchema.shape.search.meta({ description: "Usernames containing this text" }),
  status: listUsersQuerySchema.shape.status.meta({ description: "Effective status" }),
  limit: z.coerce
    .number<string | number>({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, `must be between 1 and ${MAX_USERS_PAGE}`)
    .max(MAX_USERS_PAGE, `must be between 1 and ${MAX_USERS_PAGE}`)
    .default(50),
  cursor: userCursor.optional().meta({ description: "nextCursor of the previous page" }),
});

/** The contract's user shape (DESIGN.md, Shapes: user), as presentUser writes it. */
export const userJsonSchema = z
  .object({
    id: z.number().int(),
    username: usernameSchema,
    uuid: z.uuid(),
    status: oneOf(USER_STATUSES),
    dataLimitBytes: dataLimitBytesSchema,
    usedBytes: z.number().int(),
    expiresAt: z.iso.datetime().nullable(),
    note: noteSchema,
    subscriptionUrl: z.url(),
    createdAt: z.iso.datetime(),
    resetStrategy: oneOf(RESET_STRATEGIES).meta({ description: "When used traffic goes back to 0 (UTC): none, daily, weekly (Monday), monthly (the 1st)" }),
    onHoldSeconds: z.number().int().nullable().meta({ description: "On hold: the expiry starts at the first connection and lasts this long; null when not on hold" }),
    lifetimeBytes: z.number().int().meta({ description: "All traffic ever reported, across resets" }),
    onlineAt: z.iso.datetime().nullable().meta({ description: "When an edge last reported traffic for the user" }),
  })
  .meta({ id: "User" });

/** What POST /api/v1/users/bulk answers (BulkResult). */
export const bulkResultSchema = z.object({
  action: z.enum(["enable", "disable", "delete", "extend", "reset_token"]),
  requested: z.number().int().meta({ description: "Distinct ids asked for" }),
  changedIds: z.array(z.number().int()).meta({ description: "Users actually changed; unknown ids and no-ops are skipped" }),
});
