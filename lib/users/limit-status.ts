import type { UserStatus } from "@/lib/db/schema";

/**
 * A PATCH that changes the data limit (and not the status) also moves the stored status across
 * it: raising a limited user's limit above their traffic (or removing it) makes them active, and
 * lowering an active user's limit to their traffic or below stores `limited`. The stored status is
 * what wakes the edges (a trigger on users.status), so they learn of the change at once.
 */
export function resolveLimitPatch<P extends { dataLimitBytes?: number | null; status?: UserStatus }>(
  current: { status: UserStatus; dataLimitBytes: number | null; uploadBytes: number; downloadBytes: number },
  patch: P,
): P {
  if (patch.dataLimitBytes === undefined || patch.status !== undefined) return patch;
  const used = current.uploadBytes + current.downloadBytes;
  const over = patch.dataLimitBytes !== null && used >= patch.dataLimitBytes;
  if (current.status === "limited" && !over) return { ...patch, status: "active" };
  if (current.status === "active" && over) return { ...patch, status: "limited" };
  return patch;
}
