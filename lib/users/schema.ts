import { oneOf } from "@/lib/validation";
import { z } from "zod";
import { USER_STATUSES } from "@/lib/db/schema";

export const usernameSchema = z
  .string()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(32, "must be at most 32 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "may hold letters, digits, '_', '.' and '-', starting with a letter or digit");

/** Fields an admin sets when creating a user (shared by the CLI, API and forms). */
export const createUserSchema = z.object({
  username: usernameSchema,
  status: oneOf(USER_STATUSES).default("active"),
  dataLimitBytes: z
    .number()
    .int("must be a whole number of bytes")
    .positive("must be more than 0 (leave it empty for unlimited)")
    .nullable()
    .default(null),
  expiresAt: z.date().nullable().default(null),
  note: z.string().max(500, "must be at most 500 characters").default(""),
});

export type CreateUserInput = z.input<typeof createUserSchema>;
