/**
 * npm run bench:admin — how long the admin users list takes to read one page out of 100,000
 * users: listUsersPage (count + page ids + rows) for the first and the last page, searches,
 * each status filter and each sort, and the bulk actions on 1,000 users. Prints p50/p99 per query.
 */
import { createHash, randomUUID } from "node:crypto";
import { bulkUpdateUsers } from "@/lib/users/bulk-update-users";
import { listUsersPage } from "@/lib/users/list-users";
import { USER_SORTS, type BulkUsersInput, type ListUsersQuery } from "@/lib/users/schema";
import { createTempDb } from "@/test/support/temp-db";
import { percentile, printTable } from "./report";

const USERS = 100_000;
const RUNS = 50;
const DAY = 86_400_000;

/** A deterministic spread: mostly active, some disabled, expired (stored or by date) and over their limit. */
function seed(sqlite: ReturnType<typeof createTempDb>["db"]["$client"], now: number) {
  let state = 42;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const insert = sqlite.prepare(`INSERT INTO users (username, uuid, subscription_token, subscription_token_hash, status, data_limit_bytes,
    upload_bytes, download_bytes, expires_at, version, created_at, updated_at, last_fetch_at, last_fetch_user_agent, last_fetch_ip)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`);
  sqlite.transaction(() => {
    for (let index = 0; index < USERS; index += 1) {
      const roll = random();
      const status = roll < 0.05 ? "disabled" : roll < 0.06 ? "expired" : roll < 0.065 ? "limited" : "active";
      const limit = random() < 0.5 ? Math.floor(random() * 200 + 1) * 1e9 : null;
      const used = Math.floor(random() * 80e9);
      const expires = random() < 0.6 ? now + Math.floor((random() * 2 - 0.1) * 365 * DAY) : null;
      const created = now - (USERS - index) * 600_000;
      const fetched = random() < 0.7 ? now - Math.floor(random() * 30 * DAY) : null;
      const token = createHash("sha256").update(`token-${index}`).digest("base64url").slice(0, 32);
      const username = `${createHash("md5").update(String(index)).digest("hex").slice(0, 6)}-${index}`;
      insert.run(username, randomUUID(), token, createHash("sha256").update(token).digest("hex"), status, limit, Math.floor(used / 4), used - Math.floor(used / 4),
        expires, created, created, fetched, fetched ? "v2rayNG/1.9.45" : null, fetched ? "203.0.113.7" : null);
    }
  })();
  sqlite.exec("ANALYZE");
}


function main() {
  const temp = createTempDb();
  const now = Date.now();
  const seeding = performance.now();
  seed(temp.db.$client, now);
  console.log(`seeded ${USERS.toLocaleString("en-US")} users in ${((performance.now() - seeding) / 1000).toFixed(1)} s; ${RUNS} runs per query (after 3 warm-up runs)\n`);

  const lastPage = USERS - 50;
  const scenarios: Array<[string, ListUsersQuery]> = [
    ["first page (newest first)", {}],
    ["last page (offset 99,950)", { offset: lastPage }],
    ["search 'abc' (~1 in 1,400)", { search: "abc" }],
    ["search '-4242' (rare)", { search: "-4242" }],
    ["search 'zzz' (no match)", { search: "zzz" }],
    ...(["active", "disabled", "expired", "limited"] as const).map((status): [string, ListUsersQuery] => [`status ${status}`, { status }]),
    ["status limited, last page", { status: "limited", offset: 1_000_000 }],
    ...USER_SORTS.flatMap((sort) =>
      (["asc", "desc"] as const).map((order): [string, ListUsersQuery] => [`sort ${sort} ${order}`, { sort, order }]),
    ),
    ...USER_SORTS.map((sort): [string, ListUsersQuery] => [`sort ${sort} desc, last page`, { sort, order: "desc", offset: lastPage }]),
    ["search + status + sort used", { search: "a", status: "active", sort: "used", order: "desc" }],
  ];

  const rows: string[][] = [];
  for (const [label, query] of scenarios) {
    const times: number[] = [];
    let result = listUsersPage(temp.db, query);
    for (let run = 0; run < RUNS + 3; run += 1) {
      const started = performance.now();
      result = listUsersPage(temp.db, query);
      if (run >= 3) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    rows.push([label, result.total.toLocaleString("en-US"), String(result.users.length), percentile(times, 50).toFixed(1), percentile(times, 99).toFixed(1)]);
  }

  // Bulk actions on 1,000 users spread over the table, 20 runs each (deletes take fresh ids every run).
  const spread = (run: number) => Array.from({ length: 1000 }, (_, index) => index * 97 + 1 + run);
  const bulkRuns: Array<[string, (run: number) => BulkUsersInput]> = [
    ["bulk disable/enable 1,000 users", (run) => ({ action: run % 2 === 0 ? "disable" : "enable", ids: spread(0) })],
    ["bulk extend 1,000 users by 30 days", () => ({ action: "extend", ids: spread(0), days: 30 })],
    ["bulk reset tokens of 1,000 users", () => ({ action: "reset_token", ids: spread(0) })],
    ["bulk delete 1,000 users", (run) => ({ action: "delete", ids: spread(run + 1) })],
  ];
  for (const [label, input] of bulkRuns) {
    const times: number[] = [];
    for (let run = 0; run < 20; run += 1) {
      const started = performance.now();
      bulkUpdateUsers(temp.db, input(run), { actor: "bench" });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    rows.push([`${label} (20 runs)`, "", "1000", percentile(times, 50).toFixed(1), percentile(times, 99).toFixed(1)]);
  }

  const header = ["query", "matching", "rows", "p50 ms", "p99 ms"];
  printTable(header, rows);
  temp.close();
}

main();
