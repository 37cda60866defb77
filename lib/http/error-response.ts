import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/**
 * The one place an error becomes an HTTP response: `{"error": {"code", "message", ...}}` with
 * the code's status. Anything unexpected is logged and answered with a generic 500, never a stack.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers = new Headers({ "cache-control": "no-store" });
    if (error.details.retryAfterSeconds !== undefined) headers.set("retry-after", String(error.details.retryAfterSeconds));
    if (error.code === "unauthorized") headers.set("www-authenticate", 'Bearer realm="rotor"');
    return Response.json(
      { error: { code: error.code, message: error.message, ...error.details } },
      { status: error.status, headers },
    );
  }
  log.error("unhandled error in a route", {
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack?.split("\n").slice(1, 4).join(" | ") : undefined,
  });
  return Response.json({ error: { code: "internal", message: "internal error" } }, { status: 500 });
}
