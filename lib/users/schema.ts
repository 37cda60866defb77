import { oneOf } from "@/lib/validation";
import { z } from "zod";
import { RESET_STRATEGIES, USER_STATUSES } from "@/lib/db/schema";

export const usernameSchema = z
  .string()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(32, "must be at most 32 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "may hold letters, digits, '_', '.' and '-', starting with a letter or digit");

const statusSchema = oneOf(USER_STATUSES);
export const dataLimitBytesSchema = z
  .number()
  .int("must be a whole number of bytes")
  .positive("must be more than 0 (leave it empty for unlimited)")
  .nullable();
export const expiresAtSchema = z.date().nullable();
export const noteSchema = z.string().max(500, "must be at most 500 characters");
export const resetStrategySchema = oneOf(RESET_STRATEGIES);
/** Ten years: far beyond any plan, far below an overflow. */
export const MAX_ON_HOLD_SECONDS = 3650 * 86_400;
/** "On hold": the expiry starts at the first connection and lasts this long; null = not on hold. */
export const onHoldSecondsSchema = z
  .number({ error: "must be a whole number of seconds" })
  .int("must be a whole number of seconds")
  .positive("must be more than 0 (leave it empty for no hold)")
  .max(MAX_ON_HOLD_SECONDS, "must be at most 3650 days")
  .nullable();

/** Fields an admin sets when creating a user (shared by the CLI, API and forms). */
export const createUserSchema = z.object({
  username: usernameSchema,
  status: statusSchema.default("active"),
  dataLimitBytes: dataLimitBytesSchema.default(null),
  expiresAt: expiresAtSchema.default(null),
  note: noteSchema.default(""),
  resetStrategy: resetStrategySchema.default("none"),
  onHoldSeconds: onHoldSecondsSchema.default(null),
});

export type CreateUserInput = z.input<typeof createUserSchema>;

/**
 * A PATCH: an absent field stays as it is, null clears a limit or an expiry. Built without
 * defaults on purpose (a default would turn "not sent" into "reset"); unknown keys are refused.
 */
export const updateUserSchema = z.strictObject({
  username: usernameSchema.optional(),
  status: statusSchema.optional(),
  dataLimitBytes: dataLimitBytesSchema.optional(),
  expiresAt: expiresAtSchema.optional(),
  note: noteSchema.optional(),
  resetStrategy: resetStrategySchema.optional(),
  onHoldSeconds: onHoldSecondsSchema.optional(),
});

export type UpdateUserInput = z.input<typeof updateUserSchema>;

/** A user id as a number or as the digits of a path, form field or query string ("1e3" and "0x10" are not ids). */
export const userIdSchema = z
  .union([z.number(), z.string().regex(/^\d{1,15}$/).transform(Number)], { error: "must be a user id" })
  .pipe(z.number().int("must be a user id").positive("must be a user id").max(Number.MAX_SAFE_INTEGER, "must be a user id"));

export const USER_SORTS = ["username", "created", "expires", "used", "lastFetch"] as const;
export type UserSort = (typeof USER_SORTS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** How to page through users (the admin list and GET /api/v1/users). `status` is the effective status. */
export const listUsersQuerySchema = z.object({
  search: z
    .string()
    .trim()
    .max(64, "must be at most 64 characters")
    .optional()
    .transform((text) => text || undefined),
  status: statusSchema.optional(),
  sort: oneOf(USER_SORTS).default("created"),
  order: oneOf(SORT_ORDERS).default("desc"),
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1000, "must be at most 1000").default(50),
  offset: z.coerce.number().int("must be a whole number").min(0, "must be 0 or more").max(10_000_000, "must be at most 10000000").default(0),
});

export type ListUsersQuery = z.input<typeof listUsersQuerySchema>;

/** The most users one bulk request may change, so one transaction stays short. */
export const BULK_LIMIT = 1000;

const bulkIds = z
  .array(userIdSchema)
  .min(1, "select at least one user")
  .max(BULK_LIMIT, `select at most ${BULK_LIMIT.toLocaleString("en-US")} users at a time`)
  .transform((ids) => [...new Set(ids)]);

export const extendDaysSchema = z.coerce
  .number({ error: "must be a number of days" })
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(3650, "must be at most 3650 days");

export const bulkUsersSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("enable"), ids: bulkIds }),
    z.object({ action: z.literal("disable"), ids: bulkIds }),
    z.object({ action: z.literal("delete"), ids: bulkIds }),
    z.object({ action: z.literal("reset_token"), ids: bulkIds }),
    z.object({ action: z.literal("extend"), ids: bulkIds, days: extendDaysSchema }),
  ],
  { error: "must be one of enable, disable, delete, reset_token, extend" },
);

export type BulkUsersInput = z.input<typeof bulkUsersSchema>;
export type BulkAction = z.output<typeof bulkUsersSchema>["action"];
