import { count } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { admins, apiTokens, auditLog, hosts, users } from "@/lib/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { sha256Hex } from "@/lib/util/tokens";
import { createCliHarness } from "@/test/support/cli-harness";

type Harness = ReturnType<typeof createCliHarness>;

describe("rotor CLI", () => {
  let cli: Harness;
  const rows = (table: typeof users | typeof hosts | typeof admins | typeof apiTokens | typeof auditLog) =>
    cli.temp.db.select({ n: count() }).from(table).get()?.n;

  beforeEach(() => {
    cli = createCliHarness({ PUBLIC_URL: "https://panel.example.com" });
  });
  afterEach(() => cli.close());

  it("lists its commands with --help and each command's options with <command> --help", async () => {
    const help = await cli.run(["--help"]);
    expect(help.code).toBe(0);
    for (const name of ["migrate", "admin:create", "token:create", "user:add", "user:list", "host:add", "host:list", "host:delete", "rotate", "state"]) {
      expect(help.stdout.join("\n")).toContain(name);
      const commandHelp = await cli.run([name, "--help"]);
      expect(commandHelp.code).toBe(0);
      expect(commandHelp.stdout[0]).toMatch(new RegExp(`^Usage: npm run rotor -- ${name}`));
    }
    expect((await cli.run(["host:add", "--help"])).stdout.join("\n")).toContain("--transport ws|httpupgrade|grpc|xhttp");
  });

  it("creates an admin from stdin with an argon2id hash", async () => {
    const result = await cli.run(["admin:create", "--username", "root", "--role", "owner", "--password-stdin"], "s3cret-pass\n");
    expect(result).toMatchObject({ code: 0, stdout: ['created owner "root" (id 1)'] });
    const admin = cli.temp.db.select().from(admins).get();
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin!.passwordHash, "s3cret-pass")).toBe(true);
  });

  it("prints an API token once, alone on the last line, and stores only its hash", async () => {
    const result = await cli.run(["token:create", "--name", "ci", "--scopes", "read,rotate"]);
    expect(result.code).toBe(0);
    const token = result.stdout.at(-1)!;
    expect(token).toMatch(/^rtr_[A-Za-z0-9_-]{43}$/);
    const stored = cli.temp.db.select().from(apiTokens).get();
    expect(stored).toMatchObject({ name: "ci", scopes: ["read", "rotate"], tokenHash: sha256Hex(token) });
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("adds a user and prints the subscription URL on the last line", async () => {
    const result = await cli.run(["user:add", "--username", "alice", "--data-limit", "50GB", "--expires", "2026-12-31", "--note", "vip"]);
    expect(result.code).toBe(0);
    const user = cli.temp.db.select().from(users).get()!;
    expect(result.stdout.at(-1)).toBe(`https://panel.example.com/sub/${user.subscriptionToken}`);
    expect(user).toMatchObject({ username: "alice", dataLimitBytes: 50e9, note: "vip", status: "active" });
    expect(user.expiresAt?.toISOString()).toBe("2026-12-31T23:59:59.000Z");
    expect(user.subscriptionToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(user.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cli.temp.db.select().from(auditLog).get()).toMatchObject({ actor: "cli", action: "user.create", target: `user:${user.id}` });
  });

  it("adds a host and prints its id on the last line", async () => {
    const result = await cli.run([
      "host:add", "--name", "de-1", "--address", "de1.example.com", "--port", "443", "--transport", "ws",
      "--security", "tls", "--sni", "de1.example.com", "--path-prefix", "/api/", "--interval", "6h", "--grace", "1d12h",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.at(-1)).toBe("id: 1");
    expect(cli.temp.db.select().from(hosts).get()).toMatchObject({
      name: "de-1", port: 443, transport: "ws", security: "tls", pathPrefix: "/api/",
      rotationIntervalSeconds: 21600, graceSeconds: 129600, announceSeconds: 10, fingerprint: "chrome", enabled: true,
    });
  });

  it("gives a new host its first path, rotates it, shows the state, lists and deletes it", async () => {
    await cli.run(["host:add", "--name", "nl", "--address", "nl.example.com", "--port", "443", "--transport", "ws", "--security", "tls", "--announce", "0"]);
    const rotated = await cli.run(["rotate", "--host", "1"]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout[0]).toMatch(/^host 1 rotated to epoch 2: \/[A-Za-z0-9]{22} → \/[A-Za-z0-9]{22}$/);
    const state = JSON.parse((await cli.run(["state", "--host", "1", "--json"])).stdout.join("\n"));
    expect(state).toMatchObject({ hostId: 1, epoch: 2 });
    expect(state.accepted).toHaveLength(3);
    expect((await cli.run(["host:list"])).stdout.join("\n").split("\n")[1]).toMatch(/^1\s+nl\s+nl\.example\.com:443\s+ws\+tls\s+6h\s+1d\s+2\s+\//);
    expect(await cli.run(["host:delete", "--host", "1"])).toMatchObject({ code: 0, stdout: ["deleted host 1"] });
    expect(await cli.run(["state", "--host", "1"])).toMatchObject({ code: 1, stderr: ["rotor state: host 1 has no rotation state"] });
    expect(await cli.run(["rotate", "--host", "1"])).toMatchObject({ code: 1, stderr: ["rotor rotate: host 1 does not exist"] });
  });

  it("refuses a rotation inside the announce window with exit code 1 and the wait", async () => {
    await cli.run(["host:add", "--name", "de", "--address", "de.example.com", "--port", "443", "--transport", "grpc", "--security", "tls"]);
    const refused = await cli.run(["rotate", "--host", "1"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr[0]).toMatch(/^rotor rotate: host 1's next path must be announced to edges for 10s before use; try again in \d+s$/);
  });

  it("adds a user on hold with a reset strategy", async () => {
    const result = await cli.run(["user:add", "--username", "held", "--reset-strategy", "monthly", "--on-hold", "30d"]);
    expect(result.code).toBe(0);
    expect(cli.temp.db.select().from(users).get()).toMatchObject({ username: "held", resetStrategy: "monthly", onHoldSeconds: 30 * 86_400, expiresAt: null });
    expect((await cli.run(["user:list"])).stdout.join("\n")).toMatch(/held\s+active\s+0 B \/ ∞\s+monthly\s+30d from first use\s+http/);
  });

  it("lists users as a table and as the API's JSON shape", async () => {
    await cli.run(["user:add", "--username", "alice"]);
    await cli.run(["user:add", "--username", "bob", "--data-limit", "1GB"]);
    const table = await cli.run(["user:list"]);
    expect(table.stdout[0]).toMatch(/^ID\s+USERNAME\s+STATUS/);
    expect(table.stdout.join("\n")).toMatch(/bob\s+active\s+0 B \/ 1 GB\s+none\s+never/);
    const json = await cli.run(["user:list", "--json", "--search", "bo"]);
    const listed = JSON.parse(json.stdout.join("\n")) as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(
      ["createdAt", "dataLimitBytes", "expiresAt", "id", "lifetimeBytes", "note", "onHoldSeconds", "onlineAt", "resetStrategy", "status", "subscriptionUrl", "usedBytes", "username", "uuid"],
    );
  });

  it.each([
    [["user:add"], "rotor user:add: --username is required"],
    [["user:add", "--username"], "rotor user:add: --username needs a value"],
    [["user:add", "--username", "al"], "rotor user:add: --username: must be at least 3 characters"],
    [["user:add", "--username", "al ice"], "rotor user:add: --username: may hold letters, digits, '_', '.' and '-', starting with a letter or digit"],
    [["user:add", "--username", "bob", "--data-limit", "lots"], 'rotor user:add: --data-limit: expected a size like 50GB or 500MiB (got "lots")'],
    [["user:add", "--username", "bob", "--expires", "2026-02-30"], 'rotor user:add: --expires: expected a date like 2026-12-31 (got "2026-02-30")'],
    [["user:add", "--username", "bob", "--colour", "red"], "rotor user:add: unknown option --colour"],
    [["user:add", "bob"], 'rotor user:add: unexpected argument "bob" (options are written --name value)'],
    [["user:add", "--username", "bob", "--reset-strategy", "yearly"], "rotor user:add: --reset-strategy: must be one of none, daily, weekly, monthly"],
    [["user:add", "--username", "bob", "--on-hold", "soon"], 'rotor user:add: --on-hold: expected a duration like 30d or 12h (got "soon")'],
    [["user:add", "--username", "bob", "--on-hold", "30d", "--expires", "2027-01-31"], "rotor user:add: --on-hold: cannot be combined with an expiry date (expiresAt): choose one"],
    [["host:add", "--name", "x", "--address", "h", "--port", "0", "--transport", "ws", "--security", "tls"], "rotor host:add: --port: must be between 1 and 65535"],
    [["host:add", "--name", "x", "--address", "h", "--port", "https", "--transport", "ws", "--security", "tls"], 'rotor host:add: --port: expected a port number (got "https")'],
    [["host:add", "--name", "x", "--address", "h", "--port", "443", "--transport", "tcp", "--security", "tls"], "rotor host:add: --transport: must be one of ws, httpupgrade, grpc, xhttp"],
    [["host:add", "--name", "x", "--address", "h", "--port", "443", "--transport", "ws", "--security", "tls", "--interval", "30s"], "rotor host:add: --interval: must be 0 (manual only) or at least 60 seconds"],
    [["host:add", "--name", "x", "--address", "h", "--port", "443", "--transport", "ws", "--security", "tls", "--grace", "soon"], 'rotor host:add: --grace: expected a duration like 90s, 30m, 6h or 1d (got "soon")'],
    [["host:add", "--name", "x", "--address", "h", "--port", "443", "--transport", "ws", "--security", "tls", "--path-prefix", "api"], "rotor host:add: --path-prefix: must start with '/' and hold only URL-safe characters"],
    [["host:add", "--name", "x", "--address", "h", "--port", "443", "--transport", "grpc", "--security", "reality"], "rotor host:add: --reality-public-key: is required with security reality"],
    [["host:add", "--name", "x", "--address", "h", "--port", "443", "--transport", "ws", "--security", "tls", "--alpn", "spdy"], "rotor host:add: --alpn: must be a comma-separated list of h2, http/1.1, h3"],
    [["token:create", "--name", "ci", "--scopes", "read,root"], "rotor token:create: --scopes: must be one of read, write, rotate, admin"],
    [["admin:create", "--username", "root"], "rotor admin:create: no terminal to ask for a password: pass --password-stdin"],
    [["admin:create", "--username", "root", "--role", "god", "--password-stdin"], "rotor admin:create: --role: must be one of owner, admin, viewer"],
    [["user:list", "--limit", "many"], 'rotor user:list: --limit: expected a whole number (got "many")'],
    [["rotate"], "rotor rotate: --host is required"],
    [["rotate", "--host", "0"], 'rotor rotate: --host: expected a host id (got "0")'],
    [["host:delete", "--host", "one"], 'rotor host:delete: --host: expected a host id (got "one")'],
    [["frobnicate"], `rotor: unknown command "frobnicate" (run 'npm run rotor -- --help' for the list)`],
  ])("%j fails with exit code 2, one line, and writes nothing", async (argv, message) => {
    const result = await cli.run(argv, "long-enough-password\n");
    expect(result).toEqual({ code: 2, stdout: [], stderr: [message] });
    expect([rows(users), rows(hosts), rows(admins), rows(apiTokens), rows(auditLog)]).toEqual([0, 0, 0, 0, 0]);
  });

  it("refuses a duplicate name with exit code 1 and keeps the first record whole", async () => {
    await cli.run(["user:add", "--username", "alice", "--note", "first"]);
    const duplicate = await cli.run(["user:add", "--username", "alice", "--note", "second"]);
    expect(duplicate).toEqual({ code: 1, stdout: [], stderr: ["rotor user:add: --username: is already taken"] });
    expect(cli.temp.db.select().from(users).all().map((user) => user.note)).toEqual(["first"]);
    expect(rows(auditLog)).toBe(1);
  });
});
