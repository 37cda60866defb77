import "server-only";
import { log } from "@/lib/log";
import type { HostRotationState } from "./state";
import { compareVersions, type RotationStore, type StoreEvent, type VersionedState, type WatchHandle } from "./store";

export interface SnapshotStatus {
  /** A first load has succeeded: the snapshot has something to serve. */
  loaded: boolean;
  /** The watch is connected, so the snapshot is current. */
  connected: boolean;
  revision: string;
  hosts: number;
  /** When the snapshot last heard from the store (load or event). */
  lastSyncAt: Date | null;
  lastError: string | null;
}

export interface SnapshotHooks {
  /** Every state that arrives by watch: an instance's hook for history rows. */
  onState?: (state: HostRotationState) => void;
  /** After every full (re)load: at start, after a compaction, after a reconnect. */
  onReload?: (states: HostRotationState[]) => void;
}

const LOAD_RETRY_MS = 1000;

/**
 * This instance's in-memory copy of every host's rotation state, loaded at start and kept
 * current by the store's watch. The subscription path reads it with no store round-trip; when
 * the store is unreachable it keeps serving the last states it had.
 */
export class LiveSnapshot {
  private readonly states = new Map<number, VersionedState>();
  private readonly listeners = new Set<(state: HostRotationState | { hostId: number; deleted: true }) => void>();
  private watchHandle: WatchHandle | undefined;
  private readonly pendingStates: HostRotationState[] = [];
  private loadTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Events at or below this revision are already reflected by the last full load. */
  private floor = "0";
  private current: SnapshotStatus = { loaded: false, connected: false, revision: "0", hosts: 0, lastSyncAt: null, lastError: null };

  constructor(
    private readonly store: RotationStore,
    private readonly hooks: SnapshotHooks = {},
  ) {}

  /** Loads once and starts watching; if the store is down, keeps retrying in the background. */
  async start(): Promise<void> {
    await this.load();
  }

  get(hostId: number): HostRotationState | undefined {
    return this.states.get(hostId)?.state;
  }

  all(): HostRotationState[] {
    return [...this.states.values()].map((entry) => entry.state);
  }

  status(): SnapshotStatus {
    return { ...this.current, hosts: this.states.size };
  }

  /** Called after every change with the new state (or the deleted host). */
  subscribe(listener: (change: HostRotationState | { hostId: number; deleted: true }) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.loadTimer);
    await this.watchHandle?.close();
  }

  private async load(): Promise<void> {
    if (this.stopped) return;
    try {
      const { states, revision } = await this.store.list();
      if (this.stopped) return;
      this.replaceAll(states, revision);
      await this.watchHandle?.close();
      this.watchHandle = this.store.watch(revision, {
        onEvent: (event) => this.apply(event),
        onConnectionChange: (connected, error) => this.connectionChanged(connected, error),
      });
    } catch (error) {
      this.current.connected = false;
      this.current.lastError = error instanceof Error ? error.message : String(error);
      log.warn("rotation store unreachable; serving the last snapshot and retrying", { error: this.current.lastError });
      this.loadTimer = setTimeout(() => void this.load(), LOAD_RETRY_MS);
      this.loadTimer.unref();
    }
  }

  private connectionChanged(connected: boolean, error?: Error): void {
    const wasConnected = this.current.connected;
    this.current.connected = connected;
    if (!connected) {
      this.current.lastError = error?.message ?? "disconnected";
      if (wasConnected) log.warn("rotation store watch disconnected; serving the last snapshot", { error: this.current.lastError });
      return;
    }
    this.current.lastError = null;
    // The watch resumes from its last revision by itself; reloading as well runs the reconcile
    // pass, restoring any history row that a crash elsewhere left out while we were cut off.
    if (!wasConnected && this.current.loaded) void this.reload();
  }

  private async reload(): Promise<void> {
    try {
      const { states, revision } = await this.store.list();
      this.replaceAll(states, revision);
    } catch {
      // Still unreachable: the watch's next reconnect tries again.
    }
  }

  private apply(event: StoreEvent): void {
    if (event.type === "reset") {
      this.replaceAll(event.states, event.revision);
      return;
    }
    if (compareVersions(event.version, this.floor) <= 0) return;
    const known = this.states.get(event.type === "put" ? event.state.hostId : event.hostId);
    if (known && compareVersions(event.version, known.version) <= 0) return;
    this.touch(event.version);
    if (event.type === "delete") {
      this.states.delete(event.hostId);
      this.notify({ hostId: event.hostId, deleted: true });
      return;
    }
    this.states.set(event.state.hostId, { state: event.state, version: event.version });
    this.notify(event.state);
    this.deferHook(event.state);
  }

  private replaceAll(states: VersionedState[], revision: string): void {
    const previous = new Map(this.states);
    this.states.clear();
    for (const entry of states) this.states.set(entry.state.hostId, entry);
    this.floor = revision;
    this.current.loaded = true;
    this.current.connected = true;
    this.current.lastError = null;
    this.touch(revision);
    this.runHook("onReload", () => this.hooks.onReload?.(this.all()));
    for (const entry of states) {
      if (previous.get(entry.state.hostId)?.version !== entry.version) this.notify(entry.state);
    }
    for (const hostId of previous.keys()) if (!this.states.has(hostId)) this.notify({ hostId, deleted: true });
  }

  private touch(revision: string): void {
    if (compareVersions(revision, this.current.revision) > 0) this.current.revision = revision;
    this.current.lastSyncAt = new Date();
  }

  /**
   * The onState hook writes SQLite, which may wait for another process's write lock: it runs
   * after the event has been applied and announced, so it never delays what readers see.
   */
  private deferHook(state: HostRotationState): void {
    this.pendingStates.push(state);
    if (this.pendingStates.length > 1) return;
    setImmediate(() => {
      for (const pending of this.pendingStates.splice(0)) this.runHook("onState", () => this.hooks.onState?.(pending));
    });
  }

  /** A failing hook (say, a locked database) must not break the watch; the next reload retries it. */
  private runHook(name: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      log.error(`snapshot ${name} hook failed`, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private notify(change: HostRotationState | { hostId: number; deleted: true }): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        log.error("snapshot listener failed", { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
