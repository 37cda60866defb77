import { oneOf } from "@/lib/validation";
import { z } from "zod";
import { ADMIN_ROLES } from "@/lib/db/schema";
import { usernameSchema } from "@/lib/users/schema";

export const passwordSchema = z
  .string()
  .min(8, "must be at least 8 characters")
  .max(256, "must be at most 256 characters");

export const createAdminSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  role: oneOf(ADMIN_ROLES).default("admin"),
});

export type CreateAdminInput = z.input<typeof createAdminSchema>;
