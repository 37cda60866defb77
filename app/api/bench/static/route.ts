import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

/** About the size of a subscription: what Next costs per request with no work of ours. */
const BODY = `${"0123456789abcdef".repeat(127)}\n`.padEnd(2048, "x");

/** The benchmark's floor (npm run bench:sub): a fixed 2 KB body, only with ROTOR_BENCH=1. */
export function GET() {
  if (!getEnv().ROTOR_BENCH) return new Response("Not Found", { status: 404 });
  return new Response(BODY, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-cache" } });
}
