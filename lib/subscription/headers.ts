/** Subscription response headers in the exact forms clients parse (formats.md, "Response headers"). */

/** `upload=N; download=N; total=N; expire=N`: integers, total 0 = unlimited, expire 0 = never, no trailing `;`. */
export function subscriptionUserinfo(usage: { upload: number; download: number; total: number | null; expiresAt: Date | null }): string {
  const whole = (value: number) => Math.max(0, Math.floor(value));
  const expire = usage.expiresAt ? Math.floor(usage.expiresAt.getTime() / 1000) : 0;
  return `upload=${whole(usage.upload)}; download=${whole(usage.download)}; total=${whole(usage.total ?? 0)}; expire=${expire}`;
}

/** `base64:` + standard base64 of the UTF-8 text: any title or announce stays a valid ASCII header. */
export function base64Header(text: string): string {
  return `base64:${Buffer.from(text, "utf8").toString("base64")}`;
}

/** Announce texts are cut to 200 characters (formats.md: announce). */
export const ANNOUNCE_MAX_CHARS = 200;

export function announceHeader(text: string): string {
  return base64Header([...text].slice(0, ANNOUNCE_MAX_CHARS).join(""));
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266): the ASCII
 * fallback replaces what a quoted string cannot hold; the extended form keeps the real name.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * profile-update-interval in whole hours (at least 1): the configured interval, shortened when
 * one of the user's hosts rotates sooner, so clients come back soon after the rotation and long
 * before the retired path's grace ends.
 */
export function updateIntervalHours(configuredHours: number, nextRotations: ReadonlyArray<string | null>, now: Date): number {
  let hours = Math.max(1, Math.floor(configuredHours));
  for (const next of nextRotations) {
    if (next === null) continue;
    const untilRotation = Math.max(0, Date.parse(next) - now.getTime()) / 3_600_000;
    hours = Math.min(hours, Math.max(1, Math.ceil(untilRotation)));
  }
  return hours;
}

/**
 * A URL as an ASCII header value: WHATWG URL writes the host in punycode and percent-encodes the
 * rest. Undefined for text that is not an absolute URL, so a bad setting drops the header
 * instead of failing the response.
 */
export function asciiUrlHeader(text: string): string | undefined {
  if (!text) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}
