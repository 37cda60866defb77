import { z } from "zod";

/**
 * Every /api/v1 list answers `{data: [...], nextCursor}`: pass nextCursor back as `cursor` for the
 * next page; null means this was the last one.
 */
export function listEnvelope<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  });
}
