/**
 * The client's address for rate limits: X-Real-IP from the edge, else the last X-Forwarded-For
 * entry, the one the nearest proxy appended (earlier entries are whatever the client sent; Next
 * itself fills the header with the socket address only when the client sent none).
 */
export function clientIp(headers: Headers): string {
  const realIp = headers.get("x-real-ip")?.trim();
  if (realIp) return realIp;
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || "unknown";
}
