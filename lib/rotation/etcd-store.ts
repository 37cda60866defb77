import "server-only";
import type { Etcd3, IKeyValue, Namespace, Watcher } from "etcd3";
import { log } from "@/lib/log";
import { campaignForLeadership } from "./etcd-leadership";
import { decodeState } from "./codec";
import {
  StoreUnavailableError,
  type CompareAndSwapResult,
  type Leadership,
  type RotationStore,
  type StoreHealth,
  type VersionedState,
  type WatchCallbacks,
  type WatchHandle,
} from "./store";
import type { HostRotationState } from "./state";

const STATE_PREFIX = "hosts/";
const stateKey = (hostId: number) => `${STATE_PREFIX}${hostId}/state`;
const HOST_ID_IN_KEY = /hosts\/(\d+)\/state$/;
const RELOAD_RETRY_MS = 500;

/** Runs an etcd call; any failure to reach etcd becomes a StoreUnavailableError. */
async function reach<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new StoreUnavailableError(error);
  }
}

function toVersioned(kv: IKeyValue | undefined): VersionedState | null {
  if (!kv) return null;
  const state = decodeState(kv.value.toString(), kv.key.toString());
  return state && { state, version: kv.mod_revision };
}

/** Live rotation state in etcd under ETCD_PREFIX, shared by every app instance. */
export class EtcdRotationStore implements RotationStore {
  readonly kind = "etcd" as const;
  private readonly ns: Namespace;
  private readonly closers = new Set<() => Promise<void>>();

  constructor(
    private readonly client: Etcd3,
    prefix: string,
  ) {
    this.ns = client.namespace(prefix);
  }

  get(hostId: number): Promise<VersionedState | null> {
    return reach(async () => toVersioned((await this.ns.get(stateKey(hostId)).exec()).kvs[0]));
  }

  list(): Promise<{ states: VersionedState[]; revision: string }> {
    return reach(async () => {
      const response = await this.ns.getAll().prefix(STATE_PREFIX).exec();
      const states = response.kvs.map(toVersioned).filter((entry): entry is VersionedState => entry !== null);
      return { states, revision: response.header.revision };
    });
  }

  compareAndSwap(
    hostId: number,
    expectedVersion: string | null,
    state: HostRotationState,
    guard?: { key: string; value: string },
  ): Promise<CompareAndSwapResult> {
    const key = stateKey(hostId);
    return reach(async () => {
      let txn =
        expectedVersion === null ? this.ns.if(key, "Create", "==", 0) : this.ns.if(key, "Mod", "==", expectedVersion);
      if (guard) txn = txn.and(guard.key, "Value", "==", guard.value);
      const response = await txn
        .then(this.ns.put(key).value(JSON.stringify(state)))
        .else(this.ns.get(key), ...(guard ? [this.ns.get(guard.key)] : []))
        .commit();
      // A transaction with one put advances the store by one revision: the key's new mod revision.
      if (response.succeeded) return { ok: true, version: response.header.revision };
      const current = toVersioned(response.responses[0]?.response_range?.kvs[0]);
      const holder = response.responses[1]?.response_range?.kvs[0]?.value.toString();
      const deposed = guard !== undefined && holder !== guard.value;
      return { ok: false, reason: deposed ? "not-leader" : "conflict", current };
    });
  }

  async delete(hostId: number): Promise<void> {
    await reach(() => this.ns.delete().key(stateKey(hostId)).exec());
  }

  /**
   * Watches every host's state from `fromRevision`. etcd3 resumes a broken stream from the last
   * revision it saw; when that revision has been compacted, etcd cancels the watch, and this
   * reloads everything (a `reset` event) and watches again from the reload's revision.
   */
  watch(fromRevision: string, callbacks: WatchCallbacks): WatchHandle {
    let watcher: Watcher | undefined;
    let closed = false;
    let retryTimer: NodeJS.Timeout | undefined;

    const open = (afterRevision: string) => {
      const created = this.ns
        .watch()
        .prefix(STATE_PREFIX)
        .startRevision((BigInt(afterRevision) + 1n).toString())
        .watcher();
      watcher = created;
      created
        .on("put", (kv) => {
          const versioned = toVersioned(kv);
          if (versioned) callbacks.onEvent({ type: "put", ...versioned });
        })
        .on("delete", (kv) => {
          const hostId = Number(HOST_ID_IN_KEY.exec(kv.key.toString())?.[1]);
          if (hostId) callbacks.onEvent({ type: "delete", hostId, version: kv.mod_revision });
        })
        .on("connected", () => callbacks.onConnectionChange?.(true))
        .on("disconnected", (error) => callbacks.onConnectionChange?.(false, error))
        .on("error", (error) => {
          log.warn("etcd watch cancelled; reloading all host states", { reason: error.message });
          void created.cancel().catch(() => undefined);
          void reload();
        });
    };

    const reload = async () => {
      if (closed) return;
      try {
        const { states, revision } = await this.list();
        if (closed) return;
        callbacks.onEvent({ type: "reset", states, revision });
        open(revision);
      } catch (error) {
        callbacks.onConnectionChange?.(false, error instanceof Error ? error : new Error(String(error)));
        retryTimer = setTimeout(reload, RELOAD_RETRY_MS);
      }
    };

    open(fromRevision);
    const close = async () => {
      closed = true;
      clearTimeout(retryTimer);
      await watcher?.cancel().catch(() => undefined);
    };
    this.closers.add(close);
    return {
      close: async () => {
        this.closers.delete(close);
        await close();
      },
    };
  }

  async health(): Promise<StoreHealth> {
    try {
      const status = await this.client.maintenance.status();
      return { ok: true, detail: `etcd ${status.version}, revision ${status.header.revision}` };
    } catch (error) {
      return { ok: false, detail: `etcd unreachable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  campaign(name: string, candidateId: string): Leadership {
    const leadership = campaignForLeadership(this.ns, `election/${name}`, candidateId);
    this.closers.add(leadership.stop);
    return leadership;
  }

  /** Stops watches and leadership first: closing the client alone leaves leases and watchers running. */
  async close(): Promise<void> {
    await Promise.all([...this.closers].map((close) => close()));
    this.closers.clear();
    this.client.close();
  }
}
