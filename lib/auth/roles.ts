import type { AdminRole } from "@/lib/db/schema";

/**
 * What a role may do (DESIGN: owner manages admins and tokens; admin runs users, hosts,
 * rotations and settings; viewer only reads). Pages hide what a role cannot do, and every
 * server action and route checks it again on the server.
 */
export type Permission = "view" | "manage" | "own";

const GRANTS: Record<AdminRole, readonly Permission[]> = {
  owner: ["view", "manage", "own"],
  admin: ["view", "manage"],
  viewer: ["view"],
};

export function can(role: AdminRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The audit log's actor for an admin acting in the browser. */
export function adminActor(username: string): string {
  return `admin:${username}`;
}
