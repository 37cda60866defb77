import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const ADMIN_ROLES = ["owner", "admin", "viewer"] as const;
export const API_SCOPES = ["read", "write", "rotate", "admin"] as const;
export const USER_STATUSES = ["active", "disabled", "expired", "limited"] as const;
export const TRANSPORTS = ["ws", "httpupgrade", "grpc", "xhttp"] as const;
export const SECURITIES = ["tls", "none", "reality"] as const;
export const ROTATION_REASONS = ["initial", "scheduled", "manual"] as const;
export const RESET_STRATEGIES = ["none", "daily", "weekly", "monthly"] as const;
export const WEBHOOK_EVENTS = [
  "user.created",
  "user.updated",
  "user.deleted",
  "user.expired",
  "user.limited",
  "rotation.completed",
  "rotation.failed",
  "edge.lagging",
] as const;
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

export type AdminRole = (typeof ADMIN_ROLES)[number];
export type ApiScope = (typeof API_SCOPES)[number];
export type UserStatus = (typeof USER_STATUSES)[number];
export type Transport = (typeof TRANSPORTS)[number];
export type Security = (typeof SECURITIES)[number];
export type RotationReason = (typeof ROTATION_REASONS)[number];
export type ResetStrategy = (typeof RESET_STRATEGIES)[number];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A required timestamp set by the application when a row is written. */
const timestamp = (name: string) =>
  integer(name, { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());
const createdAt = () => timestamp("created_at");

export const admins = sqliteTable("admins", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ADMIN_ROLES }).notNull().default("admin"),
  createdAt: createdAt(),
  lastLoginAt: integer("last_login_at", { mode: "timestamp_ms" }),
});

/** Every sign-in attempt, for throttling (failures per username and per IP) and for the audit trail. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    ip: text("ip").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    at: timestamp("at"),
  },
  (table) => [index("login_attempts_username_at_idx").on(table.username, table.at), index("login_attempts_ip_at_idx").on(table.ip, table.at)],
);

/** Signed-out admin sessions: a JWT cannot be recalled, so its id is refused until it would expire anyway. */
export const revokedSessions = sqliteTable(
  "revoked_sessions",
  {
    sessionId: text("session_id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("revoked_sessions_expires_at_idx").on(table.expiresAt)],
);

export const apiTokens = sqliteTable("api_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
  tokenHash: text("token_hash").notNull().unique(),
  scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>().notNull(),
  createdAt: createdAt(),
  lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
  revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
});

/** An edge node: its token lets it read the accepted paths and report what it has applied. */
export const edgeNodes = sqliteTable(
  "edge_nodes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** SHA-256 of the edge token, hex; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }),
    lastSeenIp: text("last_seen_ip"),
    /** The rotation revision the edge last reported as applied (its `since`), for lag on the dashboard. */
    appliedRevision: text("applied_revision"),
    /** The edge-users revision the agent last reported as applied to its proxy (null: it follows no users). */
    appliedUsersRevision: text("applied_users_revision"),
    /** When `edge.lagging` was sent for the current lag episode; cleared once the edge catches up. */
    lagReportedAt: integer("lag_reported_at", { mode: "timestamp_ms" }),
    /** Bytes (up + down) of Rotor's users in every usage report this edge sent, each counted once. */
    reportedBytes: integer("reported_bytes").notNull().default(0),
    /** When the edge's last new usage report arrived. */
    lastReportAt: integer("last_report_at", { mode: "timestamp_ms" }),
  },
  // A revoked edge keeps its row for the record; its name may be given to a new one.
  (table) => [uniqueIndex("edge_nodes_live_name").on(table.name).where(sql`${table.revokedAt} IS NULL`)],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull().unique(),
    uuid: text("uuid").notNull().unique(),
    subscriptionToken: text("subscription_token").notNull().unique(),
    /**
     * SHA-256 of the token, hex. /sub looks users up by it, so a lookup's timing depends on the
     * hash, not on how many leading characters of a guessed token are right.
     */
    subscriptionTokenHash: text("subscription_token_hash").notNull().default("").unique(),
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    dataLimitBytes: integer("data_limit_bytes"),
    uploadBytes: integer("upload_bytes").notNull().default(0),
    downloadBytes: integer("download_bytes").notNull().default(0),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    /**
     * "On hold": the user's expiry starts at their first connection. While set (and expiresAt is
     * null), the first usage report sets expiresAt = that moment + onHoldSeconds and clears it.
     */
    onHoldSeconds: integer("on_hold_seconds"),
    /** When upload/download go back to 0 (and a limited user is re-enabled). */
    resetStrategy: text("reset_strategy", { enum: RESET_STRATEGIES }).notNull().default("none"),
    /** The last traffic reset; null = never (the creation time counts as the start). */
    trafficResetAt: integer("traffic_reset_at", { mode: "timestamp_ms" }),
    /**
     * When resetStrategy last changed; null = never since creation. Scheduled resets count periods
     * from the later of this and the last reset, so a new schedule never resets a user at once.
     */
    resetStrategyChangedAt: integer("reset_strategy_changed_at", { mode: "timestamp_ms" }),
    /** All traffic ever reported, across resets. */
    lifetimeBytes: integer("lifetime_bytes").notNull().default(0),
    /** The last time an edge reported traffic for this user. */
    onlineAt: integer("online_at", { mode: "timestamp_ms" }),
    note: text("note").notNull().default(""),
    /** Bumped on every change; feeds the subscription ETag. */
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
    lastFetchAt: integer("last_fetch_at", { mode: "timestamp_ms" }),
    lastFetchUserAgent: text("last_fetch_user_agent"),
    lastFetchIp: text("last_fetch_ip"),
  },
  (table) => [
    index("users_status_idx").on(table.status),
    index("users_created_at_idx").on(table.createdAt),
    index("users_expires_at_idx").on(table.expiresAt),
  ],
);

export const hosts = sqliteTable("hosts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  address: text("address").notNull(),
  port: integer("port").notNull(),
  transport: text("transport", { enum: TRANSPORTS }).notNull(),
  security: text("security", { enum: SECURITIES }).notNull(),
  sni: text("sni").notNull().default(""),
  hostHeader: text("host_header").notNull().default(""),
  fingerprint: text("fingerprint").notNull().default("chrome"),
  /** Comma-separated ALPN list as it appears in share links, e.g. "h2,http/1.1". */
  alpn: text("alpn").notNull().default(""),
  realityPublicKey: text("reality_public_key").notNull().default(""),
  realityShortId: text("reality_short_id").notNull().default(""),
  realitySpiderX: text("reality_spider_x").notNull().default(""),
  pathPrefix: text("path_prefix").notNull().default("/"),
  /** 0 = rotated manually only. */
  rotationIntervalSeconds: integer("rotation_interval_seconds").notNull(),
  graceSeconds: integer("grace_seconds").notNull(),
  announceSeconds: integer("announce_seconds").notNull().default(10),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at"),
});

export const rotationHistory = sqliteTable(
  "rotation_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    hostId: integer("host_id")
      .notNull()
      .references(() => hosts.id, { onDelete: "cascade" }),
    epoch: integer("epoch").notNull(),
    fromPath: text("from_path"),
    toPath: text("to_path").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    reason: text("reason", { enum: ROTATION_REASONS }).notNull(),
    actor: text("actor").notNull(),
  },
  (table) => [
    uniqueIndex("rotation_history_host_epoch_idx").on(table.hostId, table.epoch),
    index("rotation_history_at_idx").on(table.at),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull().default(""),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp("at"),
  },
  (table) => [index("audit_log_at_idx").on(table.at), index("audit_log_actor_idx").on(table.actor)],
);

/** Embedded rotation store (no ETCD_ENDPOINTS): the same state etcd would hold under hosts/<id>/state. */
export const rotationState = sqliteTable("rotation_state", {
  hostId: integer("host_id").primaryKey(),
  state: text("state").notNull(),
  /** Revision of the last write, like etcd's mod revision. */
  version: integer("version").notNull(),
});

/**
 * Embedded store's change log, like etcd's: watchers read events after a revision, across
 * processes. Old events are pruned; a watcher that falls behind the oldest reloads everything.
 */
export const rotationEvents = sqliteTable("rotation_events", {
  revision: integer("revision").primaryKey({ autoIncrement: true }),
  hostId: integer("host_id").notNull(),
  kind: text("kind", { enum: ["put", "delete"] }).notNull(),
  state: text("state"),
});

/**
 * Usage reports already counted, per edge: a retried report (same id) is answered without being
 * counted again. Pruned after a week; an agent retries a report for minutes, not days.
 */
export const edgeUsageReports = sqliteTable(
  "edge_usage_reports",
  {
    edgeId: integer("edge_id")
      .notNull()
      .references(() => edgeNodes.id, { onDelete: "cascade" }),
    reportId: text("report_id").notNull(),
    receivedAt: timestamp("received_at"),
  },
  (table) => [primaryKey({ columns: [table.edgeId, table.reportId] }), index("edge_usage_reports_received_at_idx").on(table.receivedAt)],
);

/**
 * Counters bumped by SQLite triggers (migration 0010), so no code path can forget them:
 * `edge_users` grows whenever the set of users an edge must accept may have changed.
 */
export const changeCounters = sqliteTable("change_counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull().default(0),
});

/** An admin-configured receiver of signed event notifications. */
export const webhooks = sqliteTable("webhooks", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  url: text("url").notNull(),
  /** HMAC-SHA256 key for X-Rotor-Signature; kept so every delivery can be signed. */
  secret: text("secret").notNull(),
  events: text("events", { mode: "json" }).$type<WebhookEvent[]>().notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  description: text("description").notNull().default(""),
  /** When it was disabled; null while enabled. The pause is credited to its deliveries on enabling. */
  disabledAt: integer("disabled_at", { mode: "timestamp_ms" }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at"),
});

/**
 * The persistent delivery queue and its log: one row per (event, webhook), written in the
 * transaction of the change it reports, so a crash or restart loses no event.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    /** Shared by every delivery of one event; receivers deduplicate on it. */
    eventId: text("event_id").notNull(),
    event: text("event", { enum: WEBHOOK_EVENTS }).notNull(),
    /** The exact JSON body that is signed and sent. */
    payload: text("payload").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    /** A worker's claim on the row while it sends; another instance skips it until then. */
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    lastAttemptAt: integer("last_attempt_at", { mode: "timestamp_ms" }),
    responseStatus: integer("response_status"),
    lastError: text("last_error").notNull().default(""),
    /** Time spent with its webhook disabled: not counted against the give-up window (MAX_DELIVERY_AGE_MS). */
    pausedMs: integer("paused_ms").notNull().default(0),
    createdAt: createdAt(),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
  },
  (table) => [
    index("webhook_deliveries_due_idx").on(table.status, table.nextAttemptAt),
    index("webhook_deliveries_webhook_idx").on(table.webhookId, table.id),
    // The claim takes each webhook's oldest due rows (lib/webhooks/claim-deliveries.ts).
    index("webhook_deliveries_webhook_due_idx").on(table.webhookId, table.status, table.nextAttemptAt),
    // The hourly prune of finished rows past retention (lib/webhooks/start-webhook-worker.ts).
    index("webhook_deliveries_status_created_idx").on(table.status, table.createdAt),
  ],
);

/** Panel-wide subscription settings: one row (id 1), its version feeding the subscription ETag. */
export const settings = sqliteTable("settings", {
  id: integer("id").primaryKey(),
  profileTitle: text("profile_title").notNull().default("Rotor"),
  supportUrl: text("support_url").notNull().default(""),
  /** How often clients should refresh, in hours (profile-update-interval). */
  updateIntervalHours: integer("update_interval_hours").notNull().default(12),
  announce: text("announce").notNull().default(""),
  remarkTemplate: text("remark_template").notNull().default("{HOST} · {USERNAME}"),
  version: integer("version").notNull().default(1),
});

/** User-Agent → format rules, tried in `position` order; the first match wins (formats.md). */
export const userAgentRules = sqliteTable("user_agent_rules", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  position: integer("position").notNull(),
  /** Matched case-insensitively at the start of the User-Agent. */
  prefix: text("prefix").notNull(),
  format: text("format", { enum: ["base64", "links", "clash", "singbox", "xray", "html"] }).notNull(),
  note: text("note").notNull().default(""),
});

/** The last fetches of each user's subscription (the newest 20 are kept), written in batches. */
export const subscriptionFetches = sqliteTable(
  "subscription_fetches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    at: timestamp("at"),
    userAgent: text("user_agent").notNull().default(""),
    ip: text("ip").notNull().default(""),
    format: text("format").notNull(),
  },
  (table) => [index("subscription_fetches_user_at_idx").on(table.userId, table.at)],
);
