import type { WebhookEvent } from "@/lib/db/schema";

/** The audit entry fields the mapping reads (record-audit's AuditEntry). */
export interface AuditFacts {
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

/** One webhook event an audit entry stands for: the event and the user it is about. */
export interface UserEventRef {
  event: WebhookEvent;
  userId: number;
  /** Known from the audit entry when the row is gone (deletions). */
  username?: string;
}

/** Single-user audit actions and the event each becomes; `user.*` actions not listed count as `user.updated`. */
export const USER_ACTION_EVENTS: Readonly<Record<string, WebhookEvent>> = {
  "user.create": "user.created",
  "user.update": "user.updated",
  "user.enable": "user.updated",
  "user.disable": "user.updated",
  "user.extend": "user.updated",
  "user.reset_token": "user.updated",
  "user.traffic_reset": "user.updated",
  "user.on_hold_started": "user.updated",
  "user.delete": "user.deleted",
  "user.expired": "user.expired",
  "user.limited": "user.limited",
};

const USER_TARGET = /^user:(\d+)$/;
const BULK_PREFIX = "user.bulk_";

/**
 * The user events an audit entry stands for: none for non-user actions (webhook.*, host.*, ...),
 * one for a single-user action (target `user:<id>`), one per affected id for `user.bulk_<action>`.
 */
export function userEventsForAudit(entry: AuditFacts): UserEventRef[] {
  if (!entry.action.startsWith("user.")) return [];
  if (entry.action.startsWith(BULK_PREFIX)) return bulkEvents(entry);
  const match = USER_TARGET.exec(entry.target ?? "");
  if (!match) return [];
  const event = statusChangeEvent(entry) ?? USER_ACTION_EVENTS[entry.action] ?? "user.updated";
  const username = typeof entry.details?.username === "string" ? entry.details.username : undefined;
  return [{ event, userId: Number(match[1]), ...(username === undefined ? {} : { username }) }];
}

/**
 * An edit that stores `limited` or `expired` (an admin lowering a limit below the traffic, or
 * setting the status) is that event, not a plain update: a bot telling users they hit their
 * limit must hear of it however it happened.
 */
function statusChangeEvent(entry: AuditFacts): WebhookEvent | undefined {
  if (entry.action !== "user.update") return undefined;
  const changes = entry.details?.changes as { status?: { to?: unknown } } | undefined;
  const to = changes?.status?.to;
  return to === "limited" ? "user.limited" : to === "expired" ? "user.expired" : undefined;
}

/** bulk-update-users lists the changed ids (ascending) and, for deletions, their usernames in the same order. */
function bulkEvents(entry: AuditFacts): UserEventRef[] {
  const ids = Array.isArray(entry.details?.ids) ? entry.details.ids.filter((id): id is number => Number.isSafeInteger(id)) : [];
  if (entry.action !== `${BULK_PREFIX}delete`) return ids.map((userId) => ({ event: "user.updated", userId }));
  const usernames = Array.isArray(entry.details?.usernames) ? entry.details.usernames : [];
  return ids.map((userId, index) => {
    const username = usernames[index];
    return { event: "user.deleted", userId, ...(typeof username === "string" ? { username } : {}) };
  });
}
