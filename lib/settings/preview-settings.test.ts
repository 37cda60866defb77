import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHost } from "@/lib/hosts/create-host";
import { createInitialState } from "@/lib/rotation/state";
import { CatalogCache } from "@/lib/subscription/catalog";
import { createRateLimiter } from "@/lib/http/rate-limiter";
import { serveSubscription } from "@/lib/subscription/serve-subscription";
import { createUser } from "@/lib/users/create-user";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { previewSettings, PREVIEW_SAMPLE } from "./preview-settings";
import { updateSettings } from "./update-settings";

const SETTINGS = {
  profileTitle: "Ротор VPN",
  supportUrl: "https://t.me/поддержка",
  updateIntervalHours: 6,
  announce: "Новости: всё работает",
  remarkTemplate: "{HOST} [{TRANSPORT}] {USERNAME}",
};

describe("previewSettings", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.close());

  it("fills the remark with the sample and lists the headers in their exact forms", () => {
    const preview = previewSettings(SETTINGS);
    expect(preview.sample).toEqual(PREVIEW_SAMPLE);
    expect(preview.remark).toBe(`${PREVIEW_SAMPLE.host} [${PREVIEW_SAMPLE.transport}] ${PREVIEW_SAMPLE.username}`);
    expect(preview.headers).toEqual([
      ["profile-title", `base64:${Buffer.from("Ротор VPN").toString("base64")}`],
      ["profile-update-interval", "6"],
      ["support-url", "https://t.me/%D0%BF%D0%BE%D0%B4%D0%B4%D0%B5%D1%80%D0%B6%D0%BA%D0%B0"],
      ["announce", `base64:${Buffer.from("Новости: всё работает").toString("base64")}`],
      ["content-disposition", expect.stringMatching(/^attachment; filename="_____ VPN.txt"; filename\*=UTF-8''/)],
    ]);
    expect(previewSettings({ ...SETTINGS, supportUrl: "", announce: "" }).headers.map(([name]) => name)).toEqual([
      "profile-title",
      "profile-update-interval",
      "content-disposition",
    ]);
  });

  it("shows exactly the headers and the remark /sub then sends", () => {
    // Rotated manually only: /sub's interval header is then the configured one, as the preview's is.
    const host = createHost(temp.db, { name: "de-1", address: "de1.example.com", port: 443, transport: "grpc", security: "tls", rotationIntervalSeconds: 0 }, { actor: "test" });
    const user = createUser(temp.db, { username: "bob" }, { actor: "test" });
    updateSettings(temp.db, SETTINGS, { actor: "test" });
    const catalog = new CatalogCache(temp.db, 3_600_000);
    try {
      const now = new Date();
      const state = createInitialState(host, { path: "svcA", next: "svcB" }, now, "test");
      const response = serveSubscription(
        {
          findUserByTokenHash: (hash) => (hash === user.subscriptionTokenHash ? user : undefined),
          catalog: () => catalog.get(),
          hostState: (id) => (id === host.id ? state : undefined),
          unknownTokenLimiter: createRateLimiter({ limit: 10, windowMs: 60_000 }),
          knownTokenLimiter: createRateLimiter({ limit: 10, windowMs: 60_000 }),
          recordFetch: () => {},
        },
        { token: user.subscriptionToken, format: "links", host: null, userAgent: "v2rayNG/1.9.45", accept: "*/*", ifNoneMatch: null, ip: "203.0.113.1", baseUrl: "https://panel.example.com", now },
      );
      expect(response.status).toBe(200);
      const preview = previewSettings(SETTINGS, { host: host.name, username: user.username, transport: host.transport });
      for (const [name, value] of preview.headers) expect(response.headers[name], name).toBe(value);
      expect(decodeURIComponent(response.body.split("#")[1]!)).toBe(preview.remark);
      expect(preview.remark).toBe("de-1 [grpc] bob");
    } finally {
      catalog.stop();
    }
  });
});
