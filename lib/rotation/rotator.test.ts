import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, rotationHistory } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createHost } from "@/lib/hosts/create-host";
import { deleteHost } from "@/lib/hosts/delete-host";
import { setUpStoreKinds } from "@/test/support/store-kinds";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { RANDOM_PATH_LENGTH } from "./paths";
import { initializeHostState, rotateHost, type RotationDeps } from "./rotator";
import { acceptedPaths } from "./state";
import type { RotationStore } from "./store";

const kinds = setUpStoreKinds();

describe.each(kinds)("rotator on the $name store", (kind) => {
  let temp: TempDb;
  let store: RotationStore;
  let deps: RotationDeps;
  let clock: Date;

  const addHost = (fields: Record<string, unknown> = {}) =>
    createHost(
      temp.db,
      { name: `h${Math.random()}`, address: "edge.example.com", port: 443, transport: "ws", security: "tls", pathPrefix: "/api/", graceSeconds: 3600, ...fields },
      { actor: "test" },
    ).id;
  const history = (hostId: number) =>
    temp.db.select().from(rotationHistory).where(eq(rotationHistory.hostId, hostId)).orderBy(asc(rotationHistory.epoch)).all();

  beforeEach(() => {
    temp = createTempDb();
    store = kind.create(temp.db);
    clock = new Date("2026-03-01T12:00:00Z");
    deps = { db: temp.db, store, now: () => clock };
  });
  afterEach(async () => {
    await store.close();
    temp.close();
  });

  it("gives a new host epoch 1 with a current and an announced next path", async () => {
    const hostId = addHost();
    const { state } = await initializeHostState(deps, hostId, "cli");
    expect(state).toMatchObject({ hostId, epoch: 1, retired: [], lastRotation: { fromPath: null, reason: "initial", actor: "cli" } });
    expect(state.path).toMatch(new RegExp(`^/api/[A-Za-z0-9]{${RANDOM_PATH_LENGTH}}$`));
    expect(state.next).toMatch(new RegExp(`^/api/[A-Za-z0-9]{${RANDOM_PATH_LENGTH}}$`));
    expect(state.next).not.toBe(state.path);
    expect(state.nextRotationAt).toBe("2026-03-01T18:00:00.000Z");
    expect(history(hostId)).toMatchObject([{ epoch: 1, fromPath: null, toPath: state.path, reason: "initial" }]);
  });

  it("rotates 50 concurrent callers into epochs 2..51, each once, with 50 history rows", async () => {
    const hostId = addHost({ announceSeconds: 0 });
    await initializeHostState(deps, hostId, "test");
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, index) => rotateHost(deps, { hostId, reason: "manual", actor: `caller-${index}` })),
    );
    expect(outcomes.map((outcome) => outcome.state.epoch).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 2));
    const rows = history(hostId);
    expect(rows.map((row) => row.epoch)).toEqual(Array.from({ length: 51 }, (_, index) => index + 1));
    // An unbroken chain: each rotation starts from the path the previous one moved to.
    for (let index = 1; index < rows.length; index += 1) expect(rows[index]!.fromPath).toBe(rows[index - 1]!.toPath);
    expect(new Set(rows.map((row) => row.toPath)).size).toBe(51);
    expect((await store.get(hostId))?.state.epoch).toBe(51);
    expect(temp.db.select().from(auditLog).where(eq(auditLog.action, "host.rotate")).all()).toHaveLength(50);
  });

  it("refuses to promote a next path announced less than announceSeconds ago", async () => {
    const hostId = addHost();
    await initializeHostState(deps, hostId, "test");
    clock = new Date(clock.getTime() + 3_500);
    const refusal = await rotateHost(deps, { hostId, reason: "manual", actor: "admin" }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "too_soon", status: 409, details: { retryAfterSeconds: 7 } });
    clock = new Date(clock.getTime() + 6_500);
    const outcome = await rotateHost(deps, { hostId, reason: "manual", actor: "admin" });
    expect(outcome.state.epoch).toBe(2);
  });

  it("tells onRotateError of every error it throws, with the request, and of nothing else", async () => {
    const errors: unknown[] = [];
    const requests: unknown[] = [];
    const observed = {
      ...deps,
      onRotateError: (error: unknown, request?: unknown) => {
        errors.push(error);
        requests.push(request);
      },
    };
    const hostId = addHost();
    await initializeHostState(deps, hostId, "test");
    const refusal = await rotateHost(observed, { hostId, reason: "manual", actor: "admin" }).catch((error: unknown) => error);
    expect(errors).toEqual([refusal]);
    expect(requests).toEqual([{ hostId, reason: "manual", actor: "admin" }]);
    clock = new Date(clock.getTime() + 10_000);
    await rotateHost(observed, { hostId, reason: "manual", actor: "admin" });
    expect(errors).toHaveLength(1);
  });

  it("moves next to current, retires the old path for the grace window, and prunes it after", async () => {
    const hostId = addHost({ announceSeconds: 0, graceSeconds: 600 });
    const initial = (await initializeHostState(deps, hostId, "test")).state;
    const second = (await rotateHost(deps, { hostId, reason: "manual", actor: "admin" })).state;
    expect(second.path).toBe(initial.next);
    expect(second.retired).toEqual([{ path: initial.path, retiredAt: clock.toISOString(), acceptUntil: "2026-03-01T12:10:00.000Z" }]);
    expect(acceptedPaths(second, clock).map((entry) => entry.path)).toEqual([second.path, second.next, initial.path]);
    expect(acceptedPaths(second, new Date("2026-03-01T12:10:00.001Z")).map((entry) => entry.path)).toEqual([second.path, second.next]);

    clock = new Date("2026-03-01T12:11:00Z");
    const third = (await rotateHost(deps, { hostId, reason: "scheduled", actor: "scheduler" })).state;
    expect(third.retired.map((entry) => entry.path)).toEqual([second.path]);
    expect(third.lastRotation).toEqual({ fromPath: second.path, reason: "scheduled", actor: "scheduler" });
  });

  it("gives grpc hosts a serviceName without slashes", async () => {
    const hostId = addHost({ transport: "grpc", pathPrefix: "/svc/" });
    const { state } = await initializeHostState(deps, hostId, "test");
    expect(state.path).toMatch(new RegExp(`^svc[A-Za-z0-9]{${RANDOM_PATH_LENGTH}}$`));
  });

  it("answers not_found for an unknown host and skips a rotation no longer wanted", async () => {
    await expect(rotateHost(deps, { hostId: 999, reason: "manual", actor: "admin" })).rejects.toMatchObject({ code: "not_found" });
    const hostId = addHost({ announceSeconds: 0 });
    await initializeHostState(deps, hostId, "test");
    const outcome = await rotateHost(deps, { hostId, reason: "scheduled", actor: "scheduler", stillWanted: () => false });
    expect(outcome).toMatchObject({ rotated: false, state: { epoch: 1 } });
  });

  it("creates the initial state on a first rotation of a host that has none, and forgets a deleted host", async () => {
    const hostId = addHost({ announceSeconds: 0 });
    const outcome = await rotateHost(deps, { hostId, reason: "manual", actor: "admin" });
    expect(outcome.state.epoch).toBe(2);
    expect(history(hostId).map((row) => row.reason)).toEqual(["initial", "manual"]);
    await deleteHost(deps, hostId, { actor: "admin" });
    expect(await store.get(hostId)).toBeNull();
    expect(history(hostId)).toEqual([]);
    expect(temp.db.select().from(auditLog).where(eq(auditLog.action, "host.delete")).get()).toMatchObject({ actor: "admin", target: `host:${hostId}` });
    await expect(deleteHost(deps, hostId, { actor: "admin" })).rejects.toMatchObject({ code: "not_found" });
  });
});
