import type { RotationReason } from "@/lib/db/schema";
import type { HostRotationState } from "./state";

/** The contract's rotation shape (DESIGN.md, Shapes: rotation). */
export interface RotationJson {
  hostId: number;
  epoch: number;
  fromPath: string | null;
  toPath: string;
  at: string;
  reason: RotationReason;
  actor: string;
}

/** The rotation that produced `state`, in the contract's shape. */
export function presentRotation(state: HostRotationState): RotationJson {
  return {
    hostId: state.hostId,
    epoch: state.epoch,
    fromPath: state.lastRotation.fromPath,
    toPath: state.path,
    at: state.rotatedAt,
    reason: state.lastRotation.reason,
    actor: state.lastRotation.actor,
  };
}
