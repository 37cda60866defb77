import type { hosts } from "@/lib/db/schema";

/** The subscription formats (DESIGN.md, Contract: HTTP). */
export const SUBSCRIPTION_FORMATS = ["base64", "links", "clash", "singbox", "xray", "html"] as const;
export type SubscriptionFormat = (typeof SUBSCRIPTION_FORMATS)[number];

/** A host as a renderer sees it: its settings plus the path it serves now (from the live snapshot). */
export type SubscriptionHost = Pick<
  typeof hosts.$inferSelect,
  | "id"
  | "name"
  | "address"
  | "port"
  | "transport"
  | "security"
  | "sni"
  | "hostHeader"
  | "fingerprint"
  | "alpn"
  | "realityPublicKey"
  | "realityShortId"
  | "realitySpiderX"
> & {
  /** The current path (ws/httpupgrade/xhttp) or gRPC serviceName. */
  path: string;
  /** The remark clients show; unique within one profile. */
  remark: string;
};

export interface SubscriptionUser {
  username: string;
  /** The VLESS id. */
  uuid: string;
}

/** What a renderer needs, already resolved: no I/O happens while rendering. */
export interface RenderInput {
  user: SubscriptionUser;
  hosts: readonly SubscriptionHost[];
  /** The profile's display name (clients show it as the subscription's title). */
  profileTitle: string;
}

export interface RenderedProfile {
  body: string;
  contentType: string;
  /** File extension for content-disposition, e.g. "yaml". */
  extension: string;
}

/** The error a renderer raises when it has nothing a client could use (e.g. no host it supports). */
export class NothingToRenderError extends Error {
  override name = "NothingToRenderError";
}
