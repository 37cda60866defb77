/**
 * "2026-11-25 12:00:05 UTC" (or "2026-11-25 12:00 UTC" without seconds): pages are rendered on
 * the server, which does not know the reader's zone, so every page shows UTC, the zone the
 * filters use too.
 */
export function formatUtc(at: Date | string, options: { seconds?: boolean } = {}): string {
  const iso = (typeof at === "string" ? new Date(at) : at).toISOString();
  return `${iso.slice(0, options.seconds === false ? 16 : 19).replace("T", " ")} UTC`;
}
