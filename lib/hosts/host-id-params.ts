import { z } from "zod";

/** `{id}` in /api/v1/hosts/{id}/...: a positive whole number. */
export const hostIdParamsSchema = z.object({
  id: z.string().regex(/^[1-9]\d{0,15}$/, "must be a host id (a positive whole number)").transform(Number),
});
