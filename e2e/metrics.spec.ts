import { expect, test, type APIRequestContext } from "@playwright/test";
import { sampleValues } from "../test/support/prometheus-text";
import { E2E_SERVER_ENV, rotorCli } from "./support/environment";

const SCRAPE = { Authorization: `Bearer ${E2E_SERVER_ENV.ROTOR_METRICS_TOKEN}` };

/** One scrape, checked line by line (sampleValues throws on any line that is not a sample). */
async function scrape(request: APIRequestContext): Promise<Map<string, number>> {
  const response = await request.get("/metrics", { headers: SCRAPE });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  return sampleValues(await response.text());
}

/** A sample's value, 0 when the series does not exist yet. */
const valueOf = (samples: Map<string, number>, series: string) => samples.get(series) ?? 0;

function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
}

// Other specs share the server and move the same counters, so every check is "at least this much more".
test.describe("GET /metrics", () => {
  test("counts /sub requests by format and status, and a rotation committed by the CLI", async ({ request }) => {
    const before = await scrape(request);
    const name = uniqueName("metrics");
    const hostId = Number(
      rotorCli(["host:add", "--name", name, "--address", "edge.example.com", "--port", "443", "--transport", "ws", "--security", "tls", "--announce", "0", "--interval", "0"])
        .at(-1)!
        .replace("id: ", ""),
    );
    const path = new URL(rotorCli(["user:add", "--username", name]).at(-1)!).pathname;
    for (let index = 0; index < 3; index += 1) {
      expect((await request.get(path, { headers: { "User-Agent": "v2rayNG/1.9.45" } })).status()).toBe(200);
    }
    expect((await request.get(`${path}/clash`)).status()).toBe(200);
    expect((await request.get("/sub/unknown-token-0123456789abcdef")).status()).toBe(404);
    expect(rotorCli(["rotate", "--host", String(hostId)]).join("\n")).toContain(`host ${hostId} rotated to epoch 2`);

    const grew = (samples: Map<string, number>, series: string) => valueOf(samples, series) - valueOf(before, series);
    // The CLI wrote from another process: the server's snapshot picks both writes up by itself.
    await expect.poll(async () => grew(await scrape(request), 'rotor_rotations_total{reason="manual"}')).toBeGreaterThanOrEqual(1);
    const after = await scrape(request);
    expect(grew(after, 'rotor_rotations_total{reason="initial"}')).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'rotor_subscription_requests_total{format="base64",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(grew(after, 'rotor_subscription_requests_total{format="clash",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'rotor_subscription_requests_total{format="none",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(grew(after, "rotor_subscription_duration_seconds_count")).toBeGreaterThanOrEqual(5);
    expect(valueOf(after, 'rotor_subscription_duration_seconds_bucket{le="+Inf"}')).toBe(valueOf(after, "rotor_subscription_duration_seconds_count"));
    // Counted at most once a minute, so an earlier scrape's count may be the one reported.
    for (const status of ["active", "disabled", "expired", "limited"]) expect(after.get(`rotor_users{status="${status}"}`)).toBeGreaterThanOrEqual(0);
    for (const status of ["pending", "failed"]) expect(after.get(`rotor_webhook_deliveries{status="${status}"}`)).toBeGreaterThanOrEqual(0);
    expect(after.get('rotor_rotation_store_info{kind="embedded"}')).toBe(1);
    expect(after.has("rotor_etcd_up")).toBe(false);
    expect(after.get("rotor_snapshot_age_seconds")).toBeGreaterThanOrEqual(0);
    // Pre-bound at 0, so a failure rate can be computed before the first failure.
    for (const reason of ["conflict", "store_unavailable", "error"]) expect(after.has(`rotor_rotation_failures_total{reason="${reason}"}`)).toBe(true);
  });

  test("reports an edge that polled as connected, with its revision lag", async ({ request }) => {
    const name = uniqueName("metrics-edge");
    const edge = { Authorization: `Bearer ${rotorCli(["edge:add", "--name", name]).at(-1)!}` };
    // since=0: the edge says it has applied nothing yet, so its lag is the whole revision.
    const paths = await request.get("/api/edge/paths?since=0", { headers: edge });
    expect(paths.status()).toBe(200);
    const { revision } = (await paths.json()) as { revision: string };

    const samples = await scrape(request);
    expect(samples.get("rotor_edges_connected")).toBeGreaterThanOrEqual(1);
    expect(samples.get(`rotor_edge_revision_lag{edge="${name}"}`)).toBeGreaterThanOrEqual(Number(revision));

    rotorCli(["edge:revoke", "--name", name]);
    expect((await scrape(request)).has(`rotor_edge_revision_lag{edge="${name}"}`)).toBe(false);
  });

  test("refuses a scrape without the configured bearer token with a JSON 401", async ({ request }) => {
    const attempts: Record<string, string>[] = [{}, { Authorization: "Bearer wrong-token-0123456789" }, { Authorization: `Basic ${SCRAPE.Authorization.slice(7)}` }];
    for (const headers of attempts) {
      const response = await request.get("/metrics", { headers });
      expect(response.status(), JSON.stringify(headers)).toBe(401);
      expect(response.headers()["www-authenticate"]).toBe('Bearer realm="rotor"');
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });
});
