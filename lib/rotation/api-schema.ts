import { z } from "zod";
import { ROTATION_REASONS } from "@/lib/db/schema";
import { oneOf } from "@/lib/validation";

/** The contract's state shape (DESIGN.md, Shapes: state), as presentState writes it. */
export const stateJsonSchema = z
  .object({
    hostId: z.number().int(),
    epoch: z.number().int(),
    path: z.string(),
    next: z.string().meta({ description: "The path announced to come next" }),
    rotatedAt: z.iso.datetime(),
    nextRotationAt: z.iso.datetime().nullable(),
    accepted: z.array(z.string()).meta({ description: "Every path edges accept now" }),
  })
  .meta({ id: "HostState" });

/** The contract's rotation shape (DESIGN.md, Shapes: rotation). */
export const rotationJsonSchema = z
  .object({
    hostId: z.number().int(),
    epoch: z.number().int(),
    fromPath: z.string().nullable(),
    toPath: z.string(),
    at: z.iso.datetime(),
    reason: oneOf(ROTATION_REASONS),
    actor: z.string(),
  })
  .meta({ id: "Rotation" });

/** A history entry: the rotation shape plus its row id and the host's name (listRotations). */
export const rotationEntryJsonSchema = rotationJsonSchema.extend({ id: z.number().int(), hostName: z.string() }).meta({ id: "RotationEntry" });

/** What POST /api/v1/hosts/{id}/rotate answers. */
export const rotateResultSchema = z.object({ rotation: rotationJsonSchema, state: stateJsonSchema });
