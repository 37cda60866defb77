import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestReceiver {
  /** Every request read in full, in arrival order. */
  received: Received[];
  port: number;
  url: string;
  /** Resolves once `count` requests have been read. */
  waitFor: (count: number) => Promise<void>;
  /** Stops listening and drops open connections (a hanging request then fails at the sender). */
  close: () => Promise<void>;
}

/**
 * A webhook receiver on loopback that keeps what it got. `status()` picks each answer; null
 * never answers, like a receiver that accepts the connection and then hangs.
 */
export async function startReceiver(options: { port?: number; status?: () => number | null } = {}): Promise<TestReceiver> {
  const status = options.status ?? (() => 204);
  const received: Received[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      for (const waiter of waiters.filter((entry) => entry.count <= received.length)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const code = status();
      if (code === null) return;
      response.writeHead(code, code >= 300 && code < 400 ? { location: "http://127.0.0.1:1/elsewhere" } : {}).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    port,
    url: `http://127.0.0.1:${port}/hook`,
    waitFor: (count) => (received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
