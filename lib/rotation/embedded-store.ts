import "server-only";
import { asc, eq, gt, lte, max, min } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { rotationEvents, rotationState } from "@/lib/db/schema";
import { decodeState } from "./codec";
import type { HostRotationState } from "./state";
import {
  StoreUnavailableError,
  type CompareAndSwapResult,
  type Leadership,
  type RotationStore,
  type StoreEvent,
  type StoreHealth,
  type VersionedState,
  type WatchCallbacks,
  type WatchHandle,
} from "./store";

/** Events kept for watchers that fall behind; older ones are pruned like an etcd compaction. */
const RETAINED_EVENTS = 1000;

export interface EmbeddedStoreOptions {
  /** How often watchers look for writes made by other processes (the CLI, a second server). */
  pollMs?: number;
}

function versioned(row: { hostId: number; state: string; version: number }): VersionedState | null {
  const state = decodeState(row.state, `rotation_state:${row.hostId}`);
  return state && { state, version: String(row.version) };
}

/**
 * The rotation store for a single instance, in SQLite. Same semantics as etcd: versioned
 * compare-and-swap, a revisioned change log that watchers follow (in-process at once, other
 * processes' writes within pollMs), and an instance that is always the leader.
 */
export class EmbeddedRotationStore implements RotationStore {
  readonly kind = "embedded" as const;
  private readonly pollMs: number;
  private readonly localWriteListeners = new Set<() => void>();
  private readonly closers = new Set<() => void>();

  constructor(
    private readonly db: Db,
    options: EmbeddedStoreOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 200;
  }

  async get(hostId: number): Promise<VersionedState | null> {
    const row = this.guarded(() => this.db.select().from(rotationState).where(eq(rotationState.hostId, hostId)).get());
    return row ? versioned(row) : null;
  }

  async list(): Promise<{ states: VersionedState[]; revision: string }> {
    return this.guarded(() =>
      this.db.transaction((tx) => {
        const rows = tx.select().from(rotationState).orderBy(asc(rotationState.hostId)).all();
        const revision = tx.select({ value: max(rotationEvents.revision) }).from(rotationEvents).get()?.value ?? 0;
        return {
          states: rows.map(versioned).filter((entry): entry is VersionedState => entry !== null),
          revision: String(revision),
        };
      }),
    );
  }

  async compareAndSwap(hostId: number, expectedVersion: string | null, state: HostRotationState): Promise<CompareAndSwapResult> {
    // No leader guard: an embedded store serves one instance, which is always the leader.
    const result = this.guarded(() =>
      this.db.transaction(
        (tx): CompareAndSwapResult => {
          const row = tx.select().from(rotationState).where(eq(rotationState.hostId, hostId)).get();
          const matches = expectedVersion === null ? row === undefined : row !== undefined && String(row.version) === expectedVersion;
          if (!matches) return { ok: false, reason: "conflict", current: row ? versioned(row) : null };
          const text = JSON.stringify(state);
          const revision = this.appendEvent(tx, { hostId, kind: "put", state: text });
          tx.insert(rotationState)
            .values({ hostId, state: text, version: revision })
            .onConflictDoUpdate({ target: rotationState.hostId, set: { state: text, version: revision } })
            .run();
          return { ok: true, version: String(revision) };
        },
        { behavior: "immediate" },
      ),
    );
    if (result.ok) this.notifyLocalWrite();
    return result;
  }

  async delete(hostId: number): Promise<void> {
    const deleted = this.guarded(() =>
      this.db.transaction(
        (tx) => {
          const removed = tx.delete(rotationState).where(eq(rotationState.hostId, hostId)).returning().all();
          if (removed.length > 0) this.appendEvent(tx, { hostId, kind: "delete", state: null });
          return removed.length > 0;
        },
        { behavior: "immediate" },
      ),
    );
    if (deleted) this.notifyLocalWrite();
  }

  watch(fromRevision: string, callbacks: WatchCallbacks): WatchHandle {
    let lastRevision = Number(fromRevision);
    let dataVersion = this.dataVersion();
    const deliver = () => {
      for (const event of this.eventsAfter(lastRevision)) {
        lastRevision = Number(event.type === "reset" ? event.revision : event.version);
        callbacks.onEvent(event);
      }
    };
    // Another process's commit changes PRAGMA data_version; this connection's own writes do not.
    const poll = () => {
      const current = this.dataVersion();
      if (current === dataVersion) return;
      dataVersion = current;
      deliver();
    };
    const timer = setInterval(poll, this.pollMs);
    timer.unref();
    this.localWriteListeners.add(deliver);
    const close = () => {
      clearInterval(timer);
      this.localWriteListeners.delete(deliver);
    };
    this.closers.add(close);
    callbacks.onConnectionChange?.(true);
    queueMicrotask(deliver); // anything written between the caller's list() and now
    return {
      close: async () => {
        this.closers.delete(close);
        close();
      },
    };
  }

  async health(): Promise<StoreHealth> {
    try {
      this.db.$client.prepare("SELECT 1").get();
      return { ok: true, detail: "embedded store in SQLite (single instance)" };
    } catch (error) {
      return { ok: false, detail: `SQLite unavailable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** The single instance leads from the start until it stops. */
  campaign(): Leadership {
    let leading = true;
    return {
      isLeader: () => leading,
      guard: () => undefined,
      onChange: () => () => undefined,
      stop: async () => {
        leading = false;
      },
    };
  }

  async close(): Promise<void> {
    for (const close of this.closers) close();
    this.closers.clear();
  }

  private appendEvent(
    tx: Parameters<Parameters<Db["transaction"]>[0]>[0],
    event: { hostId: number; kind: "put" | "delete"; state: string | null },
  ): number {
    const { revision } = tx.insert(rotationEvents).values(event).returning({ revision: rotationEvents.revision }).get();
    tx.delete(rotationEvents).where(lte(rotationEvents.revision, revision - RETAINED_EVENTS)).run();
    return revision;
  }

  /** Events after `revision`, or one reset when some of them were already pruned. */
  private eventsAfter(revision: number): StoreEvent[] {
    const oldest = this.db.select({ value: min(rotationEvents.revision) }).from(rotationEvents).get()?.value;
    if (oldest !== null && oldest !== undefined && oldest > revision + 1) {
      const states = this.db.select().from(rotationState).all().map(versioned).filter((entry): entry is VersionedState => entry !== null);
      const latest = this.db.select({ value: max(rotationEvents.revision) }).from(rotationEvents).get()?.value ?? revision;
      return [{ type: "reset", states, revision: String(latest) }];
    }
    return this.db
      .select()
      .from(rotationEvents)
      .where(gt(rotationEvents.revision, revision))
      .orderBy(asc(rotationEvents.revision))
      .all()
      .flatMap((row): StoreEvent[] => {
        const version = String(row.revision);
        if (row.kind === "delete") return [{ type: "delete", hostId: row.hostId, version }];
        const state = row.state === null ? null : decodeState(row.state, `rotation_events:${row.revision}`);
        return state ? [{ type: "put", state, version }] : [];
      });
  }

  private dataVersion(): number {
    return this.db.$client.pragma("data_version", { simple: true }) as number;
  }

  private notifyLocalWrite(): void {
    for (const listener of this.localWriteListeners) listener();
  }

  private guarded<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }
}
