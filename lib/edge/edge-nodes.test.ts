import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, edgeNodes } from "@/lib/db/schema";
import { syncRefusalOf } from "@/test/support/refusal";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { authenticateEdge, recordEdgeSeen } from "./edge-auth";
import { EDGE_TOKEN_PREFIX, createEdgeNode, listEdgeNodes, revokeEdgeNode } from "./edge-nodes";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const refusal = syncRefusalOf;

describe("edge nodes", () => {
  it("creates an edge with a token shown once and stored only as its hash, and audits it", () => {
    const created = createEdgeNode(temp.db, { name: " edge-1 " }, { actor: "cli" });
    expect(created.token.startsWith(EDGE_TOKEN_PREFIX)).toBe(true);
    expect(created.name).toBe("edge-1");
    const [row] = temp.db.select().from(edgeNodes).all();
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(temp.db.select().from(auditLog).all()).toMatchObject([{ actor: "cli", action: "edge.create", target: `edge:${created.id}` }]);
  });

  it("refuses a bad or taken name, and frees a name when its edge is revoked", () => {
    expect(refusal(() => createEdgeNode(temp.db, { name: "has space" }, { actor: "cli" }))).toMatchObject({ code: "invalid_request" });
    createEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" });
    expect(refusal(() => createEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" }))).toMatchObject({ code: "conflict", issues: [{ field: "name" }] });
    revokeEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" });
    createEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" });
    expect(listEdgeNodes(temp.db).map((edge) => [edge.name, edge.revokedAt === null])).toEqual([
      ["edge-1", true],
      ["edge-1", false],
    ]);
    expect(refusal(() => revokeEdgeNode(temp.db, { name: "nope" }, { actor: "cli" }))).toMatchObject({ code: "not_found" });
  });

  it("authenticates a live token and refuses a missing, unknown or revoked one with 401", () => {
    const created = createEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" });
    expect(authenticateEdge(temp.db, `Bearer ${created.token}`)).toEqual({ edgeId: created.id, name: "edge-1" });
    for (const header of [null, "", "Basic abc", `Bearer ${created.token}x`]) {
      expect(refusal(() => authenticateEdge(temp.db, header))).toMatchObject({ code: "unauthorized" });
    }
    revokeEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" });
    expect(refusal(() => authenticateEdge(temp.db, `Bearer ${created.token}`))).toMatchObject({ code: "unauthorized" });
  });

  it("records when an edge polled, from where, and the revision it reported applied", () => {
    const created = createEdgeNode(temp.db, { name: "edge-1" }, { actor: "cli" });
    const caller = authenticateEdge(temp.db, `Bearer ${created.token}`);
    const at = new Date("2026-11-25T12:00:00Z");
    recordEdgeSeen(temp.db, caller, { at, ip: "10.0.0.5", appliedRevision: "41" });
    recordEdgeSeen(temp.db, caller, { at, ip: "10.0.0.5", appliedRevision: null });
    expect(listEdgeNodes(temp.db)[0]).toMatchObject({ lastSeenAt: at, lastSeenIp: "10.0.0.5", appliedRevision: "41" });
  });
});
