/** What the edge agent's loops share: talking to the panel, waiting, and describing failures. */

/** The panel refused the token: retrying cannot help, so the agent stops (exit 1). */
export class EdgeTokenRefusedError extends Error {
  override name = "EdgeTokenRefusedError";
}

export interface PanelConnection {
  /** The panel's base URL, e.g. https://panel.example.com. */
  url: string;
  token: string;
  signal: AbortSignal;
  fetch?: typeof fetch;
  /** Longer than the panel's 30 s long-poll hold, so a healthy poll never times out here. */
  requestTimeoutMs?: number;
}

export const DEFAULT_RETRY = { initialMs: 500, maxMs: 15_000 };
export type RetryPolicy = typeof DEFAULT_RETRY;

/** A request to the panel with the edge token; a 401 becomes EdgeTokenRefusedError. */
export async function panelRequest(connection: PanelConnection, path: string, init: { method?: string; query?: Record<string, string>; body?: unknown } = {}): Promise<Response> {
  const url = new URL(path, connection.url);
  for (const [key, value] of Object.entries(init.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { authorization: `Bearer ${connection.token}`, accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await (connection.fetch ?? fetch)(url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.any([connection.signal, AbortSignal.timeout(connection.requestTimeoutMs ?? 45_000)]),
  });
  if (response.status === 401) {
    throw new EdgeTokenRefusedError("the panel refused the edge token (401): it is unknown or revoked; create one with edge:add");
  }
  return response;
}

/** The panel's error answer as an Error with the status and the start of the body. */
export async function panelError(response: Response): Promise<Error> {
  return new Error(`the panel answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}
