/** The app part of a User-Agent ("v2rayNG/1.9.45 (Linux; ...)" → "v2rayNG/1.9.45"), for narrow columns. */
export function clientName(userAgent: string | null): string {
  const first = userAgent?.trim().split(/\s+/)[0];
  return first ? first.slice(0, 40) : "unknown client";
}
