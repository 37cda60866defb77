import { AppError } from "@/lib/errors";

/**
 * "On hold" (onHoldSeconds) and a fixed expiry (expiresAt) are two ways to say when a user
 * expires: one starts at the first connection, the other is a date. A user has one or neither.
 */

function onHoldRefusal(message: string): AppError {
  return new AppError("invalid_request", `onHoldSeconds: ${message}`, { issues: [{ field: "onHoldSeconds", message }] });
}

/** Refuses a new user with both an expiry date and an on-hold duration. */
export function checkNewUserOnHold(fields: { expiresAt: Date | null; onHoldSeconds: number | null }): void {
  if (fields.onHoldSeconds !== null && fields.expiresAt !== null) throw onHoldRefusal("cannot be combined with an expiry date (expiresAt): choose one");
}

/**
 * A PATCH's expiry fields as they will be written: putting a user on hold needs no expiry (the
 * patch may clear it with expiresAt: null), and giving an on-hold user an expiry date ends the
 * hold. Sending both an expiry date and a hold is refused, as on creation.
 */
export function resolveOnHoldPatch<P extends { expiresAt?: Date | null; onHoldSeconds?: number | null }>(current: { expiresAt: Date | null; onHoldSeconds: number | null }, patch: P): P {
  const holding = patch.onHoldSeconds !== undefined && patch.onHoldSeconds !== null;
  if (holding && patch.expiresAt !== undefined && patch.expiresAt !== null) throw onHoldRefusal("cannot be combined with an expiry date (expiresAt): choose one");
  if (holding && patch.expiresAt === undefined && current.expiresAt !== null) {
    throw onHoldRefusal("the user already has an expiry date: clear it (expiresAt: null) to put them on hold");
  }
  if (patch.expiresAt instanceof Date && current.onHoldSeconds !== null && patch.onHoldSeconds === undefined) return { ...patch, onHoldSeconds: null };
  return patch;
}
