import { log } from "@/lib/log";
import { hostRotationStateSchema, type HostRotationState } from "./state";

/** Parses a stored state; a malformed value is logged and skipped, never fatal to the watch. */
export function decodeState(text: string, where: string): HostRotationState | null {
  try {
    const parsed = hostRotationStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    log.error("ignoring a malformed rotation state", { key: where, problem: parsed.error.issues[0]?.message });
  } catch {
    log.error("ignoring a rotation state that is not JSON", { key: where });
  }
  return null;
}
