import { z } from "zod";
import { createHostSchema, type CreateHostInput } from "./schema";

/** The fields an admin sets on a host: every key of createHostSchema. */
export const HOST_FIELDS = Object.keys(createHostSchema.shape) as Array<keyof CreateHostInput>;

export type HostField = (typeof HOST_FIELDS)[number];

/**
 * A PATCH of a host: any subset of its fields. Values are checked later, against the merged
 * host, so cross-field rules (REALITY needs grpc or xhttp and a public key) see the whole host;
 * here only unknown keys are refused, so a typo is an error rather than a silent no-op.
 */
export const hostPatchSchema = z
  .record(z.string(), z.unknown(), { error: "must be an object of host fields" })
  .superRefine((patch, ctx) => {
    for (const key of Object.keys(patch)) {
      if (!(HOST_FIELDS as string[]).includes(key)) ctx.addIssue({ code: "custom", path: [key], message: "is not a host field" });
    }
  })
  .transform((patch) => Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<Record<HostField, unknown>>);

export type HostPatch = z.input<typeof hostPatchSchema>;
