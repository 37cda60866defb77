import type { LiveSnapshot } from "@/lib/rotation/snapshot";
import { compareVersions } from "@/lib/rotation/store";

/** The longest a long-poll is held; edges re-ask at once, so this only bounds idle connections. */
export const LONG_POLL_MAX_MS = 30_000;

/**
 * Resolves as soon as the snapshot's revision is newer than `since` (at once if it already is),
 * after `timeoutMs` at the latest, or when `signal` aborts (the edge hung up).
 *
 * "Newer", not "different": instances behind one load balancer load at different store revisions
 * with the same states, and an edge switching between them must not be answered at once every
 * time. A `since` from the future (a restored etcd) is answered by the timeout, with the content.
 */
export function waitForNewerRevision(
  snapshot: Pick<LiveSnapshot, "status" | "subscribe">,
  since: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const isNewer = () => compareVersions(snapshot.status().revision, since) > 0;
  if (isNewer() || options.signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      options.signal?.removeEventListener("abort", finish);
      resolve();
    };
    const timer = setTimeout(finish, options.timeoutMs);
    const unsubscribe = snapshot.subscribe(() => {
      if (isNewer()) finish();
    });
    options.signal?.addEventListener("abort", finish, { once: true });
  });
}
