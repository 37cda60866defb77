import { z } from "zod";

/** The contract's error shape (DESIGN.md, Contract: Errors). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Machine-readable: invalid_request, unauthorized, forbidden, not_found, conflict, too_soon, rate_limited, store_unavailable" }),
      message: z.string(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional().meta({ description: "The fields refused, on 400 and 409" }),
      retryAfterSeconds: z.number().int().optional().meta({ description: "With 409 too_soon and 429, also sent as Retry-After" }),
    }),
  })
  .meta({ id: "Error" });
