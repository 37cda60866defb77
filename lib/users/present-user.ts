import type { ResetStrategy, users, UserStatus } from "@/lib/db/schema";
import { subscriptionUrl } from "./subscription-url";

type UserRow = typeof users.$inferSelect;

/** The contract's user shape (DESIGN.md, Shapes: user), plus the traffic fields added after it. */
export interface UserJson {
  id: number;
  username: string;
  uuid: string;
  status: UserStatus;
  dataLimitBytes: number | null;
  usedBytes: number;
  expiresAt: string | null;
  note: string;
  subscriptionUrl: string;
  createdAt: string;
  resetStrategy: ResetStrategy;
  onHoldSeconds: number | null;
  lifetimeBytes: number;
  onlineAt: string | null;
}

/** The status a user has now: an active row past its expiry or limit reports why it may not connect. */
export function effectiveStatus(
  user: Pick<UserRow, "status" | "expiresAt" | "dataLimitBytes" | "uploadBytes" | "downloadBytes">,
  now: Date = new Date(),
): UserStatus {
  if (user.status !== "active") return user.status;
  if (user.expiresAt && user.expiresAt.getTime() <= now.getTime()) return "expired";
  if (user.dataLimitBytes !== null && user.uploadBytes + user.downloadBytes >= user.dataLimitBytes) return "limited";
  return "active";
}

export function presentUser(user: UserRow, baseUrl: string, now: Date = new Date()): UserJson {
  return {
    id: user.id,
    username: user.username,
    uuid: user.uuid,
    status: effectiveStatus(user, now),
    dataLimitBytes: user.dataLimitBytes,
    usedBytes: user.uploadBytes + user.downloadBytes,
    expiresAt: user.expiresAt?.toISOString() ?? null,
    note: user.note,
    subscriptionUrl: subscriptionUrl(baseUrl, user.subscriptionToken),
    createdAt: user.createdAt.toISOString(),
    resetStrategy: user.resetStrategy,
    onHoldSeconds: user.onHoldSeconds,
    lifetimeBytes: user.lifetimeBytes,
    onlineAt: user.onlineAt?.toISOString() ?? null,
  };
}
