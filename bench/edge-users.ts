/**
 * npm run bench:edge-users — what the edge users feed and usage reports cost the server at
 * 100,000 users: building GET /api/edge/users once (query + JSON), counting a 10,000-user usage
 * report (and its retry), and the 30-second reset pass when nothing is due. Prints p50/p99.
 */
import { randomUUID } from "node:crypto";
import { createEdgeNode } from "@/lib/edge/edge-nodes";
import { edgeUserEmail, listEdgeUsers } from "@/lib/edge/edge-users";
import { recordUsage } from "@/lib/usage/record-usage";
import { resetDueTraffic } from "@/lib/usage/reset-traffic";
import { createTempDb } from "@/test/support/temp-db";
import { percentile, printTable } from "./report";

const USERS = 100_000;
const REPORT_USERS = 10_000;
const RUNS = 20;


function time(label: string, run: (index: number) => unknown, rows: string[][]): void {
  const times: number[] = [];
  for (let index = 0; index < RUNS + 2; index += 1) {
    const started = performance.now();
    run(index);
    if (index >= 2) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  rows.push([label, percentile(times, 50).toFixed(1), percentile(times, 99).toFixed(1)]);
}

function main() {
  const temp = createTempDb();
  const now = Date.now();
  const insert = temp.db.$client.prepare(`INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, reset_strategy,
    data_limit_bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  temp.db.$client.transaction(() => {
    for (let index = 0; index < USERS; index += 1) {
      // A mix: every fourth user resets monthly, every other one has a limit far above the report's traffic.
      insert.run(`user-${index}`, randomUUID(), `token-${index}`, `hash-${index}`, index % 4 === 0 ? "monthly" : "none", index % 2 === 0 ? 1e15 : null, now, now);
    }
  })();
  temp.db.$client.exec("ANALYZE");
  const edge = createEdgeNode(temp.db, { name: "bench" }, { actor: "bench" });
  const report = (index: number, id = randomUUID().replaceAll("-", "")) => ({
    reportId: id,
    readAt: new Date().toISOString(),
    users: Array.from({ length: REPORT_USERS }, (_, offset) => ({
      email: edgeUserEmail(((index * REPORT_USERS + offset * 7) % USERS) + 1),
      uplinkBytes: 1_000 + offset,
      downlinkBytes: 50_000 + offset,
    })),
  });

  const rows: string[][] = [];
  let size = 0;
  time(`edge users list: query (${USERS.toLocaleString("en-US")} active)`, () => listEdgeUsers(temp.db), rows);
  time("edge users list: query + JSON", () => (size = JSON.stringify(listEdgeUsers(temp.db)).length), rows);
  const reports = Array.from({ length: RUNS + 2 }, (_, index) => report(index));
  time(`usage report of ${REPORT_USERS.toLocaleString("en-US")} users`, (index) => recordUsage(temp.db, { edgeId: edge.id, report: reports[index] }), rows);
  time("the same report again (duplicate)", (index) => recordUsage(temp.db, { edgeId: edge.id, report: reports[index] }), rows);
  time("reset pass, nothing due", () => resetDueTraffic(temp.db, new Date(now)), rows);

  console.log(`${USERS.toLocaleString("en-US")} users; edge users answer ${(size / 1e6).toFixed(1)} MB of JSON; ${RUNS} runs each\n`);
  const header = ["operation", "p50 ms", "p99 ms"];
  printTable(header, rows);
  temp.close();
}

main();
