import { randomInt } from "node:crypto";
import type { Transport } from "@/lib/db/schema";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 22 characters of base62 carry 131 bits: no host will ever draw the same path twice by chance. */
export const RANDOM_PATH_LENGTH = 22;

function randomText(length: number): string {
  let text = "";
  for (let index = 0; index < length; index += 1) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}

/**
 * A fresh random path for a host: `pathPrefix` + random characters for ws, httpupgrade and xhttp
 * (e.g. `/api/k3J...`); for grpc a serviceName, which has no slashes (`api` + random characters,
 * served by the core at `/<serviceName>/Tun`).
 */
export function generatePath(host: { transport: Transport; pathPrefix: string }): string {
  const random = randomText(RANDOM_PATH_LENGTH);
  if (host.transport === "grpc") return `${host.pathPrefix.replace(/[^A-Za-z0-9._-]/g, "")}${random}`;
  return `${host.pathPrefix}${random}`;
}

/** A fresh path that differs from every path in `used`. */
export function generateUnusedPath(host: { transport: Transport; pathPrefix: string }, used: (path: string) => boolean): string {
  for (;;) {
    const path = generatePath(host);
    if (!used(path)) return path;
  }
}
