import { expect, test } from "@playwright/test";

test("health endpoints answer JSON, and readiness names the rotation store", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });

  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    status: "ready",
    checks: {
      database: { ok: true },
      rotation: { ok: true, store: "embedded", snapshot: { loaded: true, connected: true } },
    },
  });
});
