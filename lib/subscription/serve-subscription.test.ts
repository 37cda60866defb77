import { parse } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import type { HostRotationState } from "@/lib/rotation/state";
import { sha256Hex } from "@/lib/util/tokens";
import { buildCatalog, type Catalog, type CatalogHost } from "./catalog";
import type { FetchRecord } from "./fetch-log";
import { createRateLimiter } from "@/lib/http/rate-limiter";
import { serveSubscription, type SubscriptionContext, type SubscriptionRequest, type SubscriptionUserRow } from "./serve-subscription";

const TOKEN = "tok-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const NOW = new Date("2026-06-01T00:00:00Z");

function userRow(fields: Partial<SubscriptionUserRow> = {}): SubscriptionUserRow {
  return {
    id: 7, username: "алиса", uuid: "0f8e9b1c-2d3a-4b5c-8d7e-9f0a1b2c3d4e", subscriptionToken: TOKEN, subscriptionTokenHash: sha256Hex(TOKEN),
    status: "active", dataLimitBytes: 50e9, uploadBytes: 100, downloadBytes: 200, expiresAt: new Date("2026-12-31T23:59:59Z"), version: 3, ...fields,
  };
}

function catalogHost(id: number, fields: Partial<CatalogHost> = {}): CatalogHost {
  return {
    id, name: `host-${id}`, address: `h${id}.example.com`, port: 443, transport: "ws", security: "tls", sni: "", hostHeader: "", fingerprint: "chrome",
    alpn: "", realityPublicKey: "", realityShortId: "", realitySpiderX: "", pathPrefix: "/", rotationIntervalSeconds: 0, graceSeconds: 86400,
    announceSeconds: 10, enabled: true, sortOrder: 0, createdAt: NOW, updatedAt: NOW, ...fields,
  };
}

function stateOf(hostId: number, epoch: number, nextRotationAt: string | null = null): HostRotationState {
  return {
    hostId, epoch, path: `/p${hostId}e${epoch}`, next: `/p${hostId}e${epoch + 1}`, rotatedAt: NOW.toISOString(), nextRotationAt, retired: [],
    lastRotation: { fromPath: null, reason: "initial", actor: "test" },
  };
}

describe("serveSubscription", () => {
  let user: SubscriptionUserRow | undefined;
  let catalog: Catalog;
  let states: Map<number, HostRotationState>;
  let fetches: FetchRecord[];
  let context: SubscriptionContext;
  const request = (fields: Partial<SubscriptionRequest> = {}): SubscriptionRequest => ({
    token: TOKEN, format: null, host: null, userAgent: "v2rayNG/1.9.45", accept: "*/*", ifNoneMatch: null, ip: "203.0.113.9",
    baseUrl: "https://panel.example.com", now: NOW, ...fields,
  });
  const serve = (fields: Partial<SubscriptionRequest> = {}) => serveSubscription(context, request(fields));

  beforeEach(() => {
    user = userRow();
    catalog = buildCatalog(
      { id: 1, profileTitle: "Ротор VPN", supportUrl: "https://t.me/support", updateIntervalHours: 12, announce: "Новости: всё работает", remarkTemplate: "{HOST} · {USERNAME}", version: 4 },
      [{ prefix: "Clash", format: "clash" }, { prefix: "Mozilla", format: "html" }],
      [catalogHost(1), catalogHost(2, { transport: "grpc" })],
    );
    states = new Map([[1, stateOf(1, 5)], [2, stateOf(2, 9)]]);
    fetches = [];
    context = {
      findUserByTokenHash: (hash) => (user && hash === user.subscriptionTokenHash ? user : undefined),
      catalog: () => catalog,
      hostState: (id) => states.get(id),
      unknownTokenLimiter: createRateLimiter({ limit: 3, windowMs: 60_000 }),
      knownTokenLimiter: createRateLimiter({ limit: 60, windowMs: 60_000 }),
      recordFetch: (entry) => fetches.push(entry),
    };
  });

  it("serves base64 of the hosts' current paths with every header clients read, all ASCII", () => {
    const response = serve();
    expect(response.status).toBe(200);
    const links = Buffer.from(response.body, "base64").toString("utf8").split("\n");
    expect(links).toHaveLength(2);
    expect(links[0]).toContain("path=%2Fp1e5");
    expect(links[1]).toContain("serviceName=%2Fp2e9");
    expect(response.headers).toMatchObject({
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "private, no-cache",
      "subscription-userinfo": "upload=100; download=200; total=50000000000; expire=1798761599",
      "profile-update-interval": "12",
      "profile-title": `base64:${Buffer.from("Ротор VPN").toString("base64")}`,
      "support-url": "https://t.me/support",
      "profile-web-page-url": `https://panel.example.com/sub/${TOKEN}/html`,
      announce: `base64:${Buffer.from("Новости: всё работает").toString("base64")}`,
    });
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    for (const value of Object.values(response.headers)) expect(value).toMatch(/^[\x20-\x7e]*$/);
    expect(fetches).toEqual([{ userId: 7, at: NOW, userAgent: "v2rayNG/1.9.45", ip: "203.0.113.9", format: "base64" }]);
    expect(response.format).toBe("base64");
  });

  it("chooses the format by User-Agent, by ?format= and by path, case-insensitively", () => {
    expect(parse(serve({ userAgent: "Clash/1.18" }).body).proxies).toHaveLength(2);
    expect(JSON.parse(serve({ format: "singbox" }).body).outbounds.length).toBeGreaterThan(2);
    expect(serve({ format: "LINKS" }).body.startsWith("vless://")).toBe(true);
    expect(JSON.parse(serve({ format: "xray", host: "2" }).body)).toMatchObject({ remarks: "host-2 · алиса" });
  });

  it("sends browsers to the subscription page", () => {
    expect(serve({ userAgent: "Mozilla/5.0" })).toMatchObject({ status: 303, headers: { location: `/sub/${TOKEN}/html` } });
    expect(serve({ userAgent: "curl/8", accept: "text/html" })).toMatchObject({ status: 303 });
  });

  it("answers an unknown format with 400 and the list of formats", () => {
    expect(serve({ format: "v2ray" })).toMatchObject({ status: 400, body: 'Unknown format "v2ray". Formats: base64, links, clash, singbox, xray, html.' });
  });

  it("answers unknown, malformed and revoked tokens identically with 404, then 429 per IP", () => {
    const unknown = serve({ token: "x".repeat(32) });
    const malformed = serve({ token: "../etc/passwd" });
    user = userRow({ subscriptionToken: "a-different-token-with-the-same-hash" });
    const mismatched = serve();
    for (const response of [unknown, malformed, mismatched]) expect(response).toEqual({ status: 404, headers: unknown.headers, body: "Not Found" });
    const limited = serve({ token: "y".repeat(32) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(serve({ token: "y".repeat(32), ip: "198.51.100.1" }).status).toBe(404);
  });

  it.each([
    ["disabled", { status: "disabled" as const }, "This subscription is disabled. Contact support."],
    ["expired", { expiresAt: new Date("2026-05-01T00:00:00Z") }, "This subscription has expired. Renew it to connect again."],
    ["over its limit", { uploadBytes: 30e9, downloadBytes: 20e9 }, "This subscription has used all of its traffic. Top it up to connect again."],
  ])("refuses a user who is %s with 403, a plain reason and an announce header", (_label, fields, reason) => {
    user = userRow(fields);
    const response = serve();
    expect(response).toMatchObject({ status: 403, body: reason, format: "base64", headers: { announce: `base64:${Buffer.from(reason).toString("base64")}` } });
    expect(fetches).toEqual([]);
  });

  it("answers 304 to a matching If-None-Match, and a rotation changes the body and the ETag", () => {
    const first = serve();
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(serve({ ifNoneMatch: first.headers.etag! })).toMatchObject({ status: 304, body: "", format: "base64" });
    expect(serve({ ifNoneMatch: `W/${first.headers.etag}, "other"` }).status).toBe(304);
    states.set(1, stateOf(1, 6));
    const rotated = serve({ ifNoneMatch: first.headers.etag! });
    expect(rotated.status).toBe(200);
    expect(rotated.body).not.toBe(first.body);
    expect(rotated.headers.etag).not.toBe(first.headers.etag);
    expect(serve({ format: "clash" }).headers.etag).not.toBe(rotated.headers.etag);
  });

  it("hashes used traffic into the ETag: a revalidating client gets 200 with current figures, and a 304 carries them too", () => {
    const first = serve();
    const same = serve({ ifNoneMatch: first.headers.etag! });
    expect(same).toMatchObject({ status: 304, headers: { "subscription-userinfo": "upload=100; download=200; total=50000000000; expire=1798761599" } });
    // Usage reports add traffic without bumping version (only status and expiry changes do).
    user = userRow({ uploadBytes: 150, downloadBytes: 1200 });
    const fresh = serve({ ifNoneMatch: first.headers.etag! });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).not.toBe(first.headers.etag);
    expect(fresh.headers["subscription-userinfo"]).toBe("upload=150; download=1200; total=50000000000; expire=1798761599");
  });

  it("sends expire=0 for an on-hold user whose expiry has not started, and zeroed figures after a reset", () => {
    user = userRow({ expiresAt: null, uploadBytes: 0, downloadBytes: 0 });
    expect(serve().headers["subscription-userinfo"]).toBe("upload=0; download=0; total=50000000000; expire=0");
  });

  it("shortens profile-update-interval when a host rotates before the next refresh", () => {
    states.set(1, stateOf(1, 5, "2026-06-01T02:30:00Z"));
    expect(serve().headers["profile-update-interval"]).toBe("3");
  });

  it("gives 503 rather than an empty profile when no host can serve this client", () => {
    catalog = { ...catalog, hosts: [catalogHost(3, { transport: "xhttp" })] };
    states.set(3, stateOf(3, 1));
    const response = serve({ format: "clash" });
    expect(response.status).toBe(503);
    expect(response.headers.announce).toMatch(/^base64:/);
    states.clear();
    expect(serve().status).toBe(503);
  });

  it("keeps a valid token above 60 requests a minute", () => {
    for (let index = 0; index < 60; index += 1) expect(serve().status).toBe(200);
  });
});
