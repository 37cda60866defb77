import { oneOf } from "@/lib/validation";
import { z } from "zod";
import { SECURITIES, TRANSPORTS } from "@/lib/db/schema";

/** uTLS fingerprints understood by Xray, sing-box and mihomo alike. */
export const FINGERPRINTS = ["chrome", "firefox", "safari", "ios", "android", "edge", "360", "qq", "random", "randomized"] as const;
export const ALPN_VALUES = ["h2", "http/1.1", "h3"] as const;

/** 24 hours: twice the default 12 h profile update interval (DESIGN.md: grace ≥ 2 × update interval). */
export const DEFAULT_GRACE_SECONDS = 86_400;
export const DEFAULT_ROTATION_INTERVAL_SECONDS = 6 * 3600;
export const DEFAULT_ANNOUNCE_SECONDS = 10;

const hostname = z
  .string()
  .trim()
  .min(1, "is required")
  .max(253, "is too long")
  .refine(
    (value) => /^[A-Za-z0-9.-]+$/.test(value) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(value),
    "must be a domain name or an IP address",
  )
  .transform((value) => value.replace(/^\[(.*)\]$/, "$1"));

const optionalHostname = z.union([z.literal(""), hostname]).default("");

const alpn = z
  .string()
  .trim()
  .default("")
  .refine(
    (value) => value === "" || value.split(",").every((part) => (ALPN_VALUES as readonly string[]).includes(part.trim())),
    `must be a comma-separated list of ${ALPN_VALUES.join(", ")}`,
  )
  .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean).join(","));

const seconds = (max: number) => z.number().int("must be a whole number of seconds").min(0, "must not be negative").max(max, "is too long");

/** Host fields as admins set them (shared by the CLI, API and forms). */
export const createHostSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
    address: hostname,
    port: z.number().int("must be a whole number").min(1, "must be between 1 and 65535").max(65535, "must be between 1 and 65535"),
    transport: oneOf(TRANSPORTS),
    security: oneOf(SECURITIES),
    sni: optionalHostname,
    hostHeader: optionalHostname,
    fingerprint: oneOf(FINGERPRINTS).default("chrome"),
    alpn,
    realityPublicKey: z.string().trim().regex(/^$|^[A-Za-z0-9_-]{43}$/, "must be a 43-character base64url X25519 public key").default(""),
    realityShortId: z.string().trim().regex(/^$|^[0-9a-f]{1,16}$/, "must be up to 16 hex digits").default(""),
    realitySpiderX: z.string().trim().regex(/^$|^\//, "must start with '/'").default(""),
    pathPrefix: z
      .string()
      .trim()
      .regex(/^\/[A-Za-z0-9._~-]*(\/[A-Za-z0-9._~-]+)*\/?$/, "must start with '/' and hold only URL-safe characters")
      .max(64, "must be at most 64 characters")
      .default("/"),
    rotationIntervalSeconds: seconds(365 * 86400)
      .refine((value) => value === 0 || value >= 60, "must be 0 (manual only) or at least 60 seconds")
      .default(DEFAULT_ROTATION_INTERVAL_SECONDS),
    graceSeconds: seconds(365 * 86400).default(DEFAULT_GRACE_SECONDS),
    announceSeconds: seconds(86400).default(DEFAULT_ANNOUNCE_SECONDS),
    enabled: z.boolean().default(true),
    sortOrder: z.number().int().default(0),
  })
  .superRefine((host, ctx) => {
    if (host.security === "reality" && !host.realityPublicKey) {
      ctx.addIssue({ code: "custom", path: ["realityPublicKey"], message: "is required with security reality" });
    }
    if (host.security === "reality" && host.transport !== "grpc" && host.transport !== "xhttp") {
      ctx.addIssue({ code: "custom", path: ["security"], message: "reality works with grpc or xhttp transports only" });
    }
  });

export type CreateHostInput = z.input<typeof createHostSchema>;
