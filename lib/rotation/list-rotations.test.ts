import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rotationHistory, type RotationReason } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createHost } from "@/lib/hosts/create-host";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { listRotations, type RotationsPage } from "./list-rotations";

describe("listRotations", () => {
  let temp: TempDb;
  let alpha: number;
  let beta: number;

  const host = (name: string) => createHost(temp.db, { name, address: "edge.example.com", port: 443, transport: "ws", security: "tls" }, { actor: "test" }).id;
  /** A history row at `minute` minutes past 2026-03-01 12:00 UTC. */
  const rotation = (hostId: number, epoch: number, minute: number, reason: RotationReason = "scheduled") =>
    temp.db
      .insert(rotationHistory)
      .values({ hostId, epoch, fromPath: epoch === 1 ? null : `/p${epoch - 1}`, toPath: `/p${epoch}`, at: new Date(Date.UTC(2026, 2, 1, 12, minute)), reason, actor: reason === "manual" ? "admin:ann" : "scheduler" })
      .run();
  const labels = (page: RotationsPage) => page.rotations.map((entry) => `${entry.hostName}#${entry.epoch}`);
  const refusal = (input: unknown) => {
    try {
      listRotations(temp.db, input);
    } catch (error) {
      return error;
    }
    throw new Error("expected a refusal");
  };

  beforeEach(() => {
    temp = createTempDb();
    alpha = host("alpha");
    beta = host("beta");
    rotation(alpha, 1, 0, "initial");
    rotation(beta, 1, 1, "initial");
    rotation(alpha, 2, 10, "manual");
    rotation(beta, 2, 20);
    rotation(alpha, 3, 30);
    rotation(beta, 3, 30, "manual"); // same time as alpha#3: the id breaks the tie
  });
  afterEach(() => temp.close());

  it("lists every host's rotations newest first in the contract shape, with the host name", () => {
    const page = listRotations(temp.db, {});
    expect(labels(page)).toEqual(["beta#3", "alpha#3", "beta#2", "alpha#2", "beta#1", "alpha#1"]);
    expect(page.nextCursor).toBeNull();
    expect(page.rotations[0]).toEqual({
      id: expect.any(Number),
      hostId: beta,
      hostName: "beta",
      epoch: 3,
      fromPath: "/p2",
      toPath: "/p3",
      at: "2026-03-01T12:30:00.000Z",
      reason: "manual",
      actor: "admin:ann",
    });
  });

  it("filters by host, reason and time range, as query-string text; empty values mean no filter", () => {
    expect(labels(listRotations(temp.db, { hostId: String(alpha) }))).toEqual(["alpha#3", "alpha#2", "alpha#1"]);
    expect(labels(listRotations(temp.db, { reason: "manual" }))).toEqual(["beta#3", "alpha#2"]);
    expect(labels(listRotations(temp.db, { hostId: beta, reason: "scheduled" }))).toEqual(["beta#2"]);
    expect(labels(listRotations(temp.db, { from: "2026-03-01T12:10:00Z", to: "2026-03-01T12:20:00Z" }))).toEqual(["beta#2", "alpha#2"]);
    expect(labels(listRotations(temp.db, { hostId: "", reason: "", from: "", to: "", cursor: "" }))).toHaveLength(6);
    // Date-only bounds cover whole days in UTC, `to` inclusive.
    expect(labels(listRotations(temp.db, { from: "2026-03-01", to: "2026-03-01" }))).toHaveLength(6);
    expect(labels(listRotations(temp.db, { from: "2026-03-02" }))).toEqual([]);
    expect(labels(listRotations(temp.db, { to: "2026-02-28" }))).toEqual([]);
  });

  it("pages by cursor until the last page, and no later insert moves the rows of later pages", () => {
    const first = listRotations(temp.db, { limit: "2" });
    expect(labels(first)).toEqual(["beta#3", "alpha#3"]);
    // Rotations that happen while an admin reads page one land before it, never inside later pages.
    rotation(alpha, 4, 40);
    rotation(beta, 4, 45);
    const second = listRotations(temp.db, { limit: 2, cursor: first.nextCursor });
    expect(labels(second)).toEqual(["beta#2", "alpha#2"]);
    const third = listRotations(temp.db, { limit: 2, cursor: second.nextCursor });
    expect(labels(third)).toEqual(["beta#1", "alpha#1"]);
    expect(third.nextCursor).toBeNull();
    expect(labels(listRotations(temp.db, { limit: 2 }))).toEqual(["beta#4", "alpha#4"]);
  });

  it("keeps the filters across pages", () => {
    const first = listRotations(temp.db, { hostId: alpha, limit: 1 });
    const second = listRotations(temp.db, { hostId: alpha, limit: 1, cursor: first.nextCursor });
    const third = listRotations(temp.db, { hostId: alpha, limit: 1, cursor: second.nextCursor });
    expect([...labels(first), ...labels(second), ...labels(third)]).toEqual(["alpha#3", "alpha#2", "alpha#1"]);
    expect(third.nextCursor).toBeNull();
  });

  it("refuses bad filters with a field error each", () => {
    const error = refusal({ hostId: "abc", reason: "cron", from: "yesterday", limit: "500", cursor: "not-a-cursor" });
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details.issues).toEqual([
      { field: "hostId", message: "must be a host id" },
      { field: "reason", message: "must be one of initial, scheduled, manual" },
      { field: "from", message: "must be a date (2026-01-31) or an ISO 8601 date-time" },
      { field: "limit", message: "must be between 1 and 200" },
      { field: "cursor", message: "is not a cursor from a previous page" },
    ]);
    expect((refusal({ from: "2026-03-02", to: "2026-03-01" }) as AppError).details.issues).toEqual([{ field: "to", message: "must not be before from" }]);
  });
});
