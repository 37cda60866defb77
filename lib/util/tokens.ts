import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe random token carrying `bytes * 8` bits of entropy from the OS CSPRNG. */
export function generateToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

/** Hex SHA-256, used to store API and edge tokens without storing the tokens. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Compares two secrets in constant time for equal lengths (the length itself is not secret). */
export function secretsMatch(stored: string, given: string): boolean {
  const left = Buffer.from(stored);
  const right = Buffer.from(given);
  return left.length === right.length && timingSafeEqual(left, right);
}
