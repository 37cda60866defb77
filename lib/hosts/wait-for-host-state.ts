import type { LiveSnapshot } from "@/lib/rotation/snapshot";
import type { HostRotationState } from "@/lib/rotation/state";

/**
 * Resolves once this instance's live snapshot holds a state for `hostId` that satisfies `ready`
 * (or after `timeoutMs`, with false). A write reaches the snapshot through the store's watch a
 * moment later; waiting for it lets the page rendered after an action show what the action did.
 */
export function waitForHostState(
  snapshot: Pick<LiveSnapshot, "get" | "subscribe">,
  hostId: number,
  ready: (state: HostRotationState | undefined) => boolean,
  timeoutMs = 2000,
): Promise<boolean> {
  if (ready(snapshot.get(hostId))) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (result: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = snapshot.subscribe(() => {
      if (ready(snapshot.get(hostId))) finish(true);
    });
  });
}
