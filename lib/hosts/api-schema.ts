import { z } from "zod";
import { SECURITIES, TRANSPORTS } from "@/lib/db/schema";
import { oneOf } from "@/lib/validation";
import { createHostSchema } from "./schema";

type HostShape = typeof createHostSchema.shape;

/**
 * POST /api/v1/hosts: createHostSchema's fields, unknown ones refused. The cross-field rules
 * (REALITY needs grpc or xhttp and a public key) run in createHost, on the whole host.
 */
export const createHostBodySchema = z.strictObject(createHostSchema.shape);

/**
 * PATCH /api/v1/hosts/{id}: any subset of the host's fields, each checked on its own here and
 * without its default (a default would turn "not sent" into "reset"); updateHost then checks
 * the merged host as a whole.
 */
export const updateHostBodySchema = z.strictObject(
  Object.fromEntries(
    Object.entries(createHostSchema.shape).map(([field, schema]) => [field, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()]),
  ) as { [K in keyof HostShape]: z.ZodOptional<HostShape[K] extends z.ZodDefault<infer Inner> ? Inner : HostShape[K]> },
);

/** The contract's host shape (DESIGN.md, Shapes: host), as presentHost writes it. */
export const hostJsonSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    address: z.string(),
    port: z.number().int(),
    transport: oneOf(TRANSPORTS),
    security: oneOf(SECURITIES),
    sni: z.string(),
    hostHeader: z.string(),
    fingerprint: z.string(),
    alpn: z.string(),
    pathPrefix: z.string(),
    rotationIntervalSeconds: z.number().int().meta({ description: "0 = rotated manually only" }),
    graceSeconds: z.number().int(),
    announceSeconds: z.number().int(),
    enabled: z.boolean(),
  })
  .meta({ id: "Host" });

export type HostJson = z.infer<typeof hostJsonSchema>;
