import { z } from "zod";

/** `{id}` in a /api/v1 path: a positive whole number without leading zeros. */
export const idParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, "must be an id (a positive whole number)")
    .transform(Number)
    .meta({ description: "The record's numeric id", example: "42" }),
});
