import { describe, expect, it } from "vitest";
import type { EdgeNode } from "./edge-nodes";
import { edgeStatuses } from "./edge-status";

const NOW = new Date("2026-11-25T12:00:00Z");
const edge = (fields: Partial<EdgeNode>): EdgeNode => ({
  id: 1,
  name: "edge-1",
  tokenHash: "x",
  createdAt: NOW,
  revokedAt: null,
  lastSeenAt: new Date(NOW.getTime() - 10_000),
  lastSeenIp: "10.0.0.1",
  appliedRevision: "42",
  appliedUsersRevision: null,
  lagReportedAt: null,
  reportedBytes: 0,
  lastReportAt: null,
  ...fields,
});

describe("edgeStatuses", () => {
  it.each([
    ["current", edge({})],
    ["current", edge({ appliedRevision: "43" })],
    ["behind", edge({ appliedRevision: "41" })],
    ["behind", edge({ appliedRevision: null })],
    ["silent", edge({ lastSeenAt: new Date(NOW.getTime() - 91_000) })],
    ["never", edge({ lastSeenAt: null, appliedRevision: null })],
  ] as const)("reports %s", (health, node) => {
    expect(edgeStatuses([node], "42", NOW)[0]?.health).toBe(health);
  });

  it.each([
    ["off", edge({}), "7"],
    ["current", edge({ appliedUsersRevision: "7" }), "7"],
    ["current", edge({ appliedUsersRevision: "12" }), "9"],
    ["behind", edge({ appliedUsersRevision: "9" }), "12"],
    ["current", edge({ appliedUsersRevision: "9" }), null],
  ] as const)("reports the proxy's users as %s", (usersHealth, node, currentUsers) => {
    expect(edgeStatuses([node], "42", NOW, currentUsers)[0]).toMatchObject({ usersHealth, appliedUsersRevision: node.appliedUsersRevision });
  });

  it("leaves revoked edges out", () => {
    expect(edgeStatuses([edge({ revokedAt: NOW })], "42", NOW)).toEqual([]);
  });
});
