import { expect, test } from "@playwright/test";
import { rotorCli } from "./support/environment";

interface EdgeUsersBody {
  revision: string;
  users: Array<{ email: string; id: string }>;
}

interface EdgePathsBody {
  revision: string;
  hosts: Array<{ hostId: number; name: string; transport: string; current: string; accepted: Array<{ path: string; acceptUntil: string | null }> }>;
}

const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;

/** A host that may rotate at once, an API token to rotate it, and an edge token, made through the CLI. */
function seed() {
  const name = unique("edge-api");
  const hostId = Number(rotorCli(["host:add", "--name", name, "--address", "edge.example.com", "--port", "443", "--transport", "ws", "--security", "tls", "--path-prefix", "/e/", "--announce", "0", "--grace", "1h"]).at(-1)!.replace("id: ", ""));
  const apiToken = rotorCli(["token:create", "--name", `rotator-${name}`, "--scopes", "rotate"]).at(-1)!;
  const edgeToken = rotorCli(["edge:add", "--name", name]).at(-1)!;
  return { name, hostId, rotate: { Authorization: `Bearer ${apiToken}` }, edge: { Authorization: `Bearer ${edgeToken}` } };
}

test.describe("edge API", () => {
  test("lists every host's accepted paths: current and next, then retired ones with their expiry", async ({ request }) => {
    const { hostId, name, rotate, edge } = seed();
    const hostEntry = async () => ((await (await request.get("/api/edge/paths", { headers: edge })).json()) as EdgePathsBody).hosts.find((host) => host.hostId === hostId);
    await expect.poll(hostEntry).toBeDefined();
    const before = (await hostEntry())!;
    expect(before).toEqual({ hostId, name, transport: "ws", current: before.current, accepted: [{ path: before.current, acceptUntil: null }, { path: expect.stringMatching(/^\/e\/[A-Za-z0-9]{22}$/), acceptUntil: null }] });

    const rotation = await (await request.post(`/api/v1/hosts/${hostId}/rotate`, { headers: rotate })).json();
    await expect.poll(async () => (await hostEntry())?.current).toBe(rotation.state.path);
    const after = (await hostEntry())!;
    expect(after.accepted).toEqual([
      { path: rotation.state.path, acceptUntil: null },
      { path: rotation.state.next, acceptUntil: null },
      { path: before.current, acceptUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    expect(after.current).toBe(before.accepted[1]!.path);
  });

  test("holds ?since=<revision> until a rotation, then answers with a newer revision", async ({ request }) => {
    const { hostId, rotate, edge } = seed();
    await expect.poll(async () => ((await (await request.get("/api/edge/paths", { headers: edge })).json()) as EdgePathsBody).hosts.some((host) => host.hostId === hostId)).toBe(true);
    const first = (await (await request.get("/api/edge/paths", { headers: edge })).json()) as EdgePathsBody;

    // Other tests share this server and may rotate too; follow the revisions until ours shows.
    const waiting = (async () => {
      let revision = first.revision;
      for (;;) {
        const answer = (await (await request.get(`/api/edge/paths?since=${revision}`, { headers: edge, timeout: 35_000 })).json()) as EdgePathsBody;
        expect(BigInt(answer.revision)).toBeGreaterThan(BigInt(revision));
        revision = answer.revision;
        const host = answer.hosts.find((candidate) => candidate.hostId === hostId);
        if (host && host.current !== first.hosts.find((candidate) => candidate.hostId === hostId)!.current) return host;
      }
    })();
    const rotation = await (await request.post(`/api/v1/hosts/${hostId}/rotate`, { headers: rotate })).json();
    expect((await waiting).current).toBe(rotation.state.path);
  });

  test("refuses missing, unknown and revoked edge tokens with 401, and a bad revision with 400", async ({ request }) => {
    const { name, edge } = seed();
    expect((await request.get("/api/edge/paths", { headers: edge })).status()).toBe(200);
    rotorCli(["edge:revoke", "--name", name]);
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ["/api/edge/paths", {}, 401, "unauthorized"],
      ["/api/edge/paths", { Authorization: "Bearer rte_unknown" }, 401, "unauthorized"],
      ["/api/edge/paths", edge, 401, "unauthorized"],
      ["/api/edge/paths?since=abc", { Authorization: `Bearer ${seed().edge.Authorization.slice(7)}` }, 400, "invalid_request"],
    ];
    for (const [path, headers, status, code] of cases) {
      const response = await request.get(path, { headers });
      expect(response.status(), path).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    }
  });

  test("edge:list shows when each edge last polled and the revision it reported applied", async ({ request }) => {
    const { name, edge } = seed();
    const { revision } = (await (await request.get("/api/edge/paths", { headers: edge })).json()) as EdgePathsBody;
    // `since` is what the agent has applied; a since below the current revision is answered at once.
    await request.get(`/api/edge/paths?since=${BigInt(revision) - 1n}`, { headers: edge });
    const line = rotorCli(["edge:list"]).find((candidate) => candidate.includes(` ${name} `));
    expect(line).toMatch(new RegExp(`${name}\\s+live\\s+20\\d\\d-\\S+\\s+\\S+\\s+${BigInt(revision) - 1n}\\s+-\\s+-$`));
  });

  test("users: lists active users' VLESS ids, and a held ?since=<revision> wakes when one is disabled", async ({ request }) => {
    const { name, edge } = seed();
    const admin = { Authorization: `Bearer ${rotorCli(["token:create", "--name", unique("edge-users"), "--scopes", "write"]).at(-1)!}` };
    const created = await (await request.post("/api/v1/users", { headers: admin, data: { username: unique("edgeuser").slice(0, 32) } })).json();
    const email = `user-${created.id}@rotor`;
    const first = (await (await request.get("/api/edge/users", { headers: edge })).json()) as EdgeUsersBody;
    expect(first.users).toContainEqual({ email, id: created.uuid });

    // Other tests create users on this server too; follow the revisions until ours is gone.
    const waiting = (async () => {
      let revision = first.revision;
      for (;;) {
        const answer = (await (await request.get(`/api/edge/users?since=${revision}`, { headers: edge, timeout: 35_000 })).json()) as EdgeUsersBody;
        expect(Number(answer.revision)).toBeGreaterThan(Number(revision));
        revision = answer.revision;
        if (!answer.users.some((user) => user.email === email)) return answer;
      }
    })();
    expect((await request.patch(`/api/v1/users/${created.id}`, { headers: admin, data: { status: "disabled" } })).status()).toBe(200);
    expect((await waiting).users.some((user) => user.id === created.uuid)).toBe(false);
    // `since` is what the agent has applied to its proxy: edge:list shows it per edge.
    await request.get(`/api/edge/users?since=${Number(first.revision) - 1}`, { headers: edge });
    expect(rotorCli(["edge:list"]).find((candidate) => candidate.includes(` ${name} `))).toMatch(new RegExp(`\\s${Number(first.revision) - 1}\\s+-$`));

    for (const [headers, status] of [[{}, 401], [edge, 400]] as const) {
      const response = await request.get(status === 400 ? "/api/edge/users?since=-1" : "/api/edge/users", { headers });
      expect(response.status()).toBe(status);
    }
  });
});
