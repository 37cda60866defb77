import { describe, expect, it } from "vitest";
import type { users } from "@/lib/db/schema";
import { effectiveStatus, presentUser } from "./present-user";

const now = new Date("2026-06-01T00:00:00Z");
const base: typeof users.$inferSelect = {
  id: 7,
  username: "alice",
  uuid: "0f8e9b1c-2d3a-4b5c-8d7e-9f0a1b2c3d4e",
  subscriptionToken: "tok_abc",
  subscriptionTokenHash: "",
  status: "active",
  dataLimitBytes: null,
  uploadBytes: 10,
  downloadBytes: 20,
  expiresAt: null,
  onHoldSeconds: null,
  resetStrategy: "none",
  trafficResetAt: null,
  resetStrategyChangedAt: null,
  lifetimeBytes: 30,
  onlineAt: null,
  note: "",
  version: 1,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-01T00:00:00Z"),
  lastFetchAt: null,
  lastFetchUserAgent: null,
  lastFetchIp: null,
};

describe("effectiveStatus", () => {
  it.each([
    ["active with no limits", {}, "active"],
    ["past its expiry", { expiresAt: new Date("2026-05-31T23:59:59Z") }, "expired"],
    ["expiring later", { expiresAt: new Date("2026-06-02T00:00:00Z") }, "active"],
    ["at its data limit", { dataLimitBytes: 30 }, "limited"],
    ["under its data limit", { dataLimitBytes: 31 }, "active"],
    ["disabled, even if also expired", { status: "disabled" as const, expiresAt: new Date("2020-01-01T00:00:00Z") }, "disabled"],
  ])("a user %s is %s", (_label, overrides, status) => {
    expect(effectiveStatus({ ...base, ...overrides }, now)).toBe(status);
  });
});

describe("presentUser", () => {
  it("gives the contract's user shape", () => {
    expect(presentUser({ ...base, expiresAt: new Date("2026-12-31T23:59:59Z") }, "https://panel.example/", now)).toEqual({
      id: 7,
      username: "alice",
      uuid: base.uuid,
      status: "active",
      dataLimitBytes: null,
      usedBytes: 30,
      expiresAt: "2026-12-31T23:59:59.000Z",
      note: "",
      subscriptionUrl: "https://panel.example/sub/tok_abc",
      createdAt: "2026-01-01T00:00:00.000Z",
      resetStrategy: "none",
      onHoldSeconds: null,
      lifetimeBytes: 30,
      onlineAt: null,
    });
  });

  it("adds the traffic fields: reset strategy, a hold not yet started, lifetime traffic, last online", () => {
    const onlineAt = new Date("2026-05-31T10:00:00Z");
    expect(presentUser({ ...base, resetStrategy: "monthly", onHoldSeconds: 2_592_000, lifetimeBytes: 5000, onlineAt }, "https://panel.example/", now)).toMatchObject({
      resetStrategy: "monthly",
      onHoldSeconds: 2_592_000,
      expiresAt: null,
      usedBytes: 30,
      lifetimeBytes: 5000,
      onlineAt: "2026-05-31T10:00:00.000Z",
    });
  });
});
