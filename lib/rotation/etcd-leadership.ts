import "server-only";
import type { Lease, Namespace } from "etcd3";
import { log } from "@/lib/log";
import type { Leadership } from "./store";

export interface EtcdLeadershipOptions {
  /** Lease TTL: a dead leader is replaced within about this long. */
  ttlSeconds?: number;
  /** How often a follower tries to take over and a leader re-checks its key. */
  pollMs?: number;
}

/**
 * Leader election on one key: the leader is whoever created `key` with its lease. Unlike
 * etcd3's Election helper it never trusts a stale `elected` event: leadership expires locally
 * one TTL after the last keepalive etcd acknowledged, and every leader write is a transaction
 * that also compares this key's value (LeaderGuard), so a deposed leader's write is refused.
 */
export function campaignForLeadership(
  ns: Namespace,
  key: string,
  candidateId: string,
  options: EtcdLeadershipOptions = {},
): Leadership {
  const ttlSeconds = options.ttlSeconds ?? 5;
  const pollMs = options.pollMs ?? 500;
  const listeners = new Set<(leader: boolean) => void>();
  let lease: Lease | undefined;
  let leaseId: string | undefined;
  let leader = false;
  /** Local end of leadership: last acknowledged keepalive (or grant) + TTL, minus a safety margin. */
  let validUntil = 0;
  let lastKeepaliveSentAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const setLeader = (value: boolean) => {
    if (leader === value) return;
    leader = value;
    log.info(value ? "became rotation leader" : "lost rotation leadership", { candidate: candidateId });
    for (const listener of listeners) listener(value);
  };

  const extend = (from: number) => {
    validUntil = from + ttlSeconds * 1000 - 250;
  };

  async function ensureLease(): Promise<string> {
    if (lease && leaseId && !lease.revoked()) return leaseId;
    lease?.release();
    const fresh = ns.lease(ttlSeconds, { autoKeepAlive: true });
    fresh.on("keepaliveFired", () => {
      lastKeepaliveSentAt = Date.now();
    });
    fresh.on("keepaliveSucceeded", () => extend(lastKeepaliveSentAt));
    fresh.on("lost", () => setLeader(false));
    const grantedAt = Date.now();
    leaseId = await fresh.grant();
    lease = fresh;
    extend(grantedAt);
    return leaseId;
  }

  async function step(): Promise<void> {
    if (leader) {
      // Still ours? Another candidate may hold the key if our lease expired while we were cut off.
      const holder = await ns.get(key).string();
      if (holder !== candidateId) setLeader(false);
      return;
    }
    const id = await ensureLease();
    const result = await ns
      .if(key, "Create", "==", 0)
      .then(ns.put(key).value(candidateId).lease(id))
      .commit();
    if (result.succeeded) setLeader(true);
  }

  async function loop(): Promise<void> {
    if (stopped) return;
    try {
      await step();
    } catch {
      // etcd unreachable: leadership lapses by time (isLeader), and the next step retries.
    }
    if (leader && Date.now() >= validUntil) setLeader(false);
    if (!stopped) timer = setTimeout(loop, pollMs);
  }

  void loop();

  return {
    isLeader: () => leader && Date.now() < validUntil,
    guard: () => ({ key, value: candidateId }),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const wasLeader = leader;
      setLeader(false);
      try {
        if (wasLeader) await ns.if(key, "Value", "==", candidateId).then(ns.delete().key(key)).commit();
        await lease?.revoke();
      } catch {
        lease?.release(); // etcd is gone: the lease expires on its own
      }
    },
  };
}
