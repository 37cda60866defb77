import { compareVersions } from "@/lib/rotation/store";
import type { EdgeNode } from "./edge-nodes";

/** An agent re-polls at least every 30 s (the long-poll's hold); three missed polls mean it is gone. */
export const EDGE_SILENT_AFTER_MS = 90_000;

export type EdgeHealth = "current" | "behind" | "silent" | "never";
/** Whether the edge's proxy has the current users: `off` when its agent follows no users. */
export type EdgeUsersHealth = "current" | "behind" | "off";

export interface EdgeStatus {
  id: number;
  name: string;
  lastSeenAt: Date | null;
  lastSeenIp: string | null;
  appliedRevision: string | null;
  health: EdgeHealth;
  appliedUsersRevision: string | null;
  usersHealth: EdgeUsersHealth;
}

/**
 * Where each live edge stands against this instance's rotation revision: `current` when it has
 * applied it, `behind` when it reported an older one, `silent` when it stopped polling; and,
 * given the current edge-users revision, whether its proxy has the current users.
 */
export function edgeStatuses(edges: readonly EdgeNode[], currentRevision: string, now: Date, currentUsersRevision: string | null = null): EdgeStatus[] {
  return edges
    .filter((edge) => !edge.revokedAt)
    .map((edge) => ({
      id: edge.id,
      name: edge.name,
      lastSeenAt: edge.lastSeenAt,
      lastSeenIp: edge.lastSeenIp,
      appliedRevision: edge.appliedRevision,
      health: healthOf(edge, currentRevision, now),
      appliedUsersRevision: edge.appliedUsersRevision,
      usersHealth: usersHealthOf(edge.appliedUsersRevision, currentUsersRevision),
    }));
}

function healthOf(edge: EdgeNode, currentRevision: string, now: Date): EdgeHealth {
  if (!edge.lastSeenAt) return "never";
  if (now.getTime() - edge.lastSeenAt.getTime() > EDGE_SILENT_AFTER_MS) return "silent";
  if (edge.appliedRevision === null || compareVersions(edge.appliedRevision, currentRevision) < 0) return "behind";
  return "current";
}

function usersHealthOf(applied: string | null, current: string | null): EdgeUsersHealth {
  if (applied === null) return "off";
  return current !== null && Number(applied) < Number(current) ? "behind" : "current";
}
