import { createHash } from "node:crypto";
import type { users } from "@/lib/db/schema";
import type { HostRotationState } from "@/lib/rotation/state";
import { effectiveStatus } from "@/lib/users/present-user";
import { secretsMatch, sha256Hex } from "@/lib/util/tokens";
import type { Catalog } from "./catalog";
import type { FetchRecord } from "./fetch-log";
import { renderClash } from "./formats/clash";
import { renderBase64, renderLinks } from "./formats/links";
import { renderSingBox } from "./formats/singbox";
import { renderXray } from "./formats/xray";
import { announceHeader, contentDisposition, subscriptionUserinfo, updateIntervalHours } from "./headers";
import type { RateLimiter } from "@/lib/http/rate-limiter";
import { renderRemark, uniqueRemarks } from "./remarks";
import { NothingToRenderError, SUBSCRIPTION_FORMATS, type RenderedProfile, type RenderInput, type SubscriptionFormat, type SubscriptionHost } from "./types";

/** The columns a subscription response needs, and no others (the lookup runs on every request). */
export type SubscriptionUserRow = Pick<
  typeof users.$inferSelect,
  "id" | "username" | "uuid" | "subscriptionToken" | "subscriptionTokenHash" | "status" | "dataLimitBytes" | "uploadBytes" | "downloadBytes" | "expiresAt" | "version"
>;
type UserRow = SubscriptionUserRow;

/** Everything a subscription request reads, injected so the hot path is testable and I/O-free. */
export interface SubscriptionContext {
  /** The user whose token hashes to this (one indexed lookup). */
  findUserByTokenHash: (tokenHash: string) => UserRow | undefined;
  catalog: () => Catalog;
  hostState: (hostId: number) => HostRotationState | undefined;
  unknownTokenLimiter: RateLimiter;
  knownTokenLimiter: RateLimiter;
  recordFetch: (entry: FetchRecord) => void;
}

export interface SubscriptionRequest {
  token: string;
  /** From /sub/<token>/<format> or ?format=; null to choose by User-Agent. */
  format: string | null;
  /** ?host=<id>: one host's config (xray). */
  host: string | null;
  userAgent: string | null;
  accept: string | null;
  ifNoneMatch: string | null;
  ip: string;
  /** Where the panel is reached, for links in headers: PUBLIC_URL or the request's origin. */
  baseUrl: string;
  now: Date;
}

export interface SubscriptionResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The format chosen for the request, once one was (for the metrics' format label). */
  format?: SubscriptionFormat;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
const NO_STORE = { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" };
/** The same body and headers for every unknown token: nothing tells a guess from a revoked token. */
const NOT_FOUND: SubscriptionResponse = { status: 404, headers: NO_STORE, body: "Not Found" };

const RENDERERS: Record<Exclude<SubscriptionFormat, "html">, (input: RenderInput, hostId?: number) => RenderedProfile> = {
  base64: renderBase64,
  links: renderLinks,
  clash: renderClash,
  singbox: renderSingBox,
  xray: (input, hostId) => renderXray(input, { hostId }),
};

const REFUSALS: Record<Exclude<ReturnType<typeof effectiveStatus>, "active">, string> = {
  disabled: "This subscription is disabled. Contact support.",
  expired: "This subscription has expired. Renew it to connect again.",
  limited: "This subscription has used all of its traffic. Top it up to connect again.",
};

/** GET /sub/<token>: the profile valid now, in the client's format, with the headers clients read. */
export function serveSubscription(context: SubscriptionContext, request: SubscriptionRequest): SubscriptionResponse {
  const user = TOKEN_SHAPE.test(request.token) ? findUser(context, request.token) : undefined;
  if (!user) {
    const limit = context.unknownTokenLimiter.hit(request.ip, request.now.getTime());
    if (!limit.allowed) return tooMany(limit.retryAfterSeconds);
    return NOT_FOUND;
  }
  const limit = context.knownTokenLimiter.hit(user.subscriptionTokenHash, request.now.getTime());
  if (!limit.allowed) return tooMany(limit.retryAfterSeconds);

  const catalog = context.catalog();
  const requested = request.format?.toLowerCase() ?? null;
  if (requested !== null && !(SUBSCRIPTION_FORMATS as readonly string[]).includes(requested)) {
    return text(400, `Unknown format "${request.format}". Formats: ${SUBSCRIPTION_FORMATS.join(", ")}.`);
  }
  const format = (requested as SubscriptionFormat | null) ?? catalog.detector.detect(request.userAgent, request.accept);
  const pageUrl = `${request.baseUrl}/sub/${request.token}/html`;
  if (format === "html") {
    // The page is a server-rendered route of its own; every other format is rendered here.
    return { status: 303, headers: { location: `/sub/${request.token}/html`, "cache-control": "private, no-cache", vary: "User-Agent, Accept" }, body: "", format };
  }

  const status = effectiveStatus(user, request.now);
  if (status !== "active") {
    return { status: 403, headers: { ...NO_STORE, announce: announceHeader(REFUSALS[status]) }, body: REFUSALS[status], format };
  }

  const hostId = request.host === null ? undefined : Number(request.host);
  if (hostId !== undefined && !Number.isSafeInteger(hostId)) return { ...text(400, `"host" must be a host id (got "${request.host}").`), format };
  const { hosts, states } = resolveHosts(catalog, context, user);
  const etag = entityTag(user, format, request.host, catalog, states);
  const common = {
    etag,
    "cache-control": "private, no-cache",
    vary: "User-Agent, Accept",
    "subscription-userinfo": subscriptionUserinfo({ upload: user.uploadBytes, download: user.downloadBytes, total: user.dataLimitBytes, expiresAt: user.expiresAt }),
    "profile-update-interval": String(updateIntervalHours(catalog.settings.updateIntervalHours, states.map((state) => state.nextRotationAt), request.now)),
    "profile-web-page-url": pageUrl,
    ...catalog.profileHeaders,
  };
  if (matchesEntityTag(request.ifNoneMatch, etag)) return { status: 304, headers: common, body: "", format };

  let rendered: RenderedProfile;
  try {
    rendered = RENDERERS[format]({ user: { username: user.username, uuid: user.uuid }, hosts, profileTitle: catalog.settings.profileTitle }, hostId);
  } catch (error) {
    if (!(error instanceof NothingToRenderError)) throw error;
    const message = "No server is available for this subscription and client right now. Try again later or use another app.";
    return { status: 503, headers: { ...NO_STORE, "retry-after": "300", announce: announceHeader(message) }, body: message, format };
  }
  context.recordFetch({ userId: user.id, at: request.now, userAgent: request.userAgent ?? "", ip: request.ip, format });
  return {
    status: 200,
    headers: {
      ...common,
      "content-type": rendered.contentType,
      "content-disposition": catalog.dispositions[rendered.extension] ?? contentDisposition(`${catalog.settings.profileTitle}.${rendered.extension}`),
    },
    body: rendered.body,
    format,
  };
}

function findUser(context: SubscriptionContext, token: string): UserRow | undefined {
  const user = context.findUserByTokenHash(sha256Hex(token));
  if (!user) return undefined;
  // The index found it by hash; confirm the token itself in constant time.
  return secretsMatch(user.subscriptionToken, token) ? user : undefined;
}

/** Enabled hosts that have a live state, with their current path and a unique remark. */
function resolveHosts(catalog: Catalog, context: SubscriptionContext, user: UserRow) {
  const states: HostRotationState[] = [];
  const live = catalog.hosts.flatMap((host) => {
    const state = context.hostState(host.id);
    if (!state) return [];
    states.push(state);
    return [{ host, state }];
  });
  const remarks = uniqueRemarks(
    live.map(({ host }) => renderRemark(catalog.settings.remarkTemplate, { host: host.name, username: user.username, transport: host.transport })),
  );
  const hosts: SubscriptionHost[] = live.map(({ host, state }, index) => ({ ...host, path: state.path, remark: remarks[index]! }));
  return { hosts, states };
}

/** Changes whenever the body or the headers would: the user row, the epochs, the format, the settings. */
function entityTag(user: UserRow, format: string, host: string | null, catalog: Catalog, states: HostRotationState[]): string {
  const hash = createHash("sha1");
  hash.update(`${user.id}|${user.version}|${user.uploadBytes}|${user.downloadBytes}|${format}|${host ?? ""}|${catalog.settings.version}`);
  for (const host of catalog.hosts) hash.update(`|${host.id}@${host.updatedAt.getTime()}`);
  for (const state of states) hash.update(`|${state.hostId}:${state.epoch}`);
  return `"${hash.digest("base64url").slice(0, 22)}"`;
}

function matchesEntityTag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === etag || tag === "*";
  });
}

function tooMany(retryAfterSeconds: number): SubscriptionResponse {
  return { status: 429, headers: { ...NO_STORE, "retry-after": String(retryAfterSeconds) }, body: "Too Many Requests" };
}

function text(status: number, body: string): SubscriptionResponse {
  return { status, headers: NO_STORE, body };
}
