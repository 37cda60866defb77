import "server-only";
import type { DbOrTx } from "@/lib/audit/record-audit";
import { presentRotation } from "@/lib/rotation/present-rotation";
import type { HostRotationState } from "@/lib/rotation/state";
import { enqueueWebhookEvent } from "./enqueue";

/** Queues `rotation.completed` with the contract's rotation shape; call it in the history row's transaction. */
export function enqueueRotationCompleted(tx: DbOrTx, state: HostRotationState): void {
  enqueueWebhookEvent(tx, "rotation.completed", () => ({ ...presentRotation(state) }));
}
