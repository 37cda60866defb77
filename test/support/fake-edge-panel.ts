import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EdgeUsers } from "@/lib/edge/edge-users-schema";
import type { UsageReport } from "@/lib/edge/usage/pending-usage";

/**
 * A stand-in panel on loopback for the edge agent's unit tests: GET /api/edge/users like the
 * real route (`since` equal to the revision is held until `publishUsers`), and POST
 * /api/edge/usage as its contract says (a repeated reportId is a duplicate and counts nothing).
 * The real routes are exercised end to end in the e2e specs.
 */
export class FakeEdgePanel {
  users: EdgeUsers = { revision: "1", users: [] };
  /** Answered instead of `users` while set (e.g. nonsense). */
  usersBody: string | null = null;
  /** Answer every request 401, as for a revoked edge token. */
  tokenRefused = false;
  /** Statuses the next usage posts get from the panel, in order, with its error shape; then 200. */
  usageStatuses: number[] = [];
  /**
   * Answers the next usage posts get instead, in order, from something in front of the panel (a
   * reverse proxy, a captive portal): recorded, never counted.
   */
  usageIntercepts: Array<{ status: number; body: string }> = [];
  readonly userPolls: Array<{ since: string | null; authorization: string | undefined }> = [];
  readonly usagePosts: Array<UsageReport & { status: number }> = [];
  /** Bytes counted per email, once per report id. */
  readonly counted = new Map<string, { uplinkBytes: number; downlinkBytes: number }>();
  url = "";
  private readonly countedIds = new Set<string>();
  private waiting: Array<() => void> = [];
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  publishUsers(users: EdgeUsers): void {
    this.users = users;
    for (const wake of this.waiting.splice(0)) wake();
  }

  async stop(): Promise<void> {
    for (const wake of this.waiting.splice(0)) wake();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url!, this.url);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (this.tokenRefused) return send(401, { error: { code: "unauthorized", message: "revoked" } });
    if (url.pathname === "/api/edge/users") {
      const since = url.searchParams.get("since");
      this.userPolls.push({ since, authorization: request.headers.authorization });
      const answer = () => send(200, this.usersBody ?? this.users);
      if (since === this.users.revision && this.usersBody === null) this.waiting.push(answer);
      else answer();
      return;
    }
    if (url.pathname === "/api/edge/usage" && request.method === "POST") {
      let text = "";
      for await (const chunk of request) text += String(chunk);
      const report = JSON.parse(text) as UsageReport;
      const intercept = this.usageIntercepts.shift();
      if (intercept) {
        this.usagePosts.push({ ...report, status: intercept.status });
        response.writeHead(intercept.status, { "content-type": "text/html" }).end(intercept.body);
        return;
      }
      const status = this.usageStatuses.shift() ?? 200;
      this.usagePosts.push({ ...report, status });
      // A 400 is what the real panel answers a body it refuses (invalid_request).
      if (status !== 200) return send(status, { error: { code: status === 400 ? "invalid_request" : "test", message: `answered ${status}` } });
      const duplicate = this.countedIds.has(report.reportId);
      if (!duplicate) {
        this.countedIds.add(report.reportId);
        for (const user of report.users) {
          const total = this.counted.get(user.email) ?? { uplinkBytes: 0, downlinkBytes: 0 };
          this.counted.set(user.email, { uplinkBytes: total.uplinkBytes + user.uplinkBytes, downlinkBytes: total.downlinkBytes + user.downlinkBytes });
        }
      }
      return send(200, { reportId: report.reportId, duplicate, counted: duplicate ? 0 : report.users.length });
    }
    send(404, { error: { code: "not_found", message: "no such route" } });
  }
}

export async function waitUntil(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
