import { z } from "zod";

/** Environment variables of the contract (DESIGN.md), parsed once. */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const etcdEndpoints = optionalString.pipe(
  z
    .string()
    .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.url({ protocol: /^https?$/, error: "each endpoint must be an http(s) URL" }))
        .min(1, "list at least one endpoint"),
    )
    .optional(),
);

const envSchema = z
  .object({
    PORT: optionalString.pipe(
      z.coerce
        .number<string | undefined>({ error: "must be a port number" })
        .int("must be a whole number")
        .min(1, "must be between 1 and 65535")
        .max(65535, "must be between 1 and 65535")
        .default(3000),
    ),
    DATABASE_PATH: optionalString.pipe(z.string().default("data/rotor.db")),
    ETCD_ENDPOINTS: etcdEndpoints,
    ETCD_PREFIX: optionalString.pipe(
      z
        .string()
        .regex(/^\/(?:[A-Za-z0-9._-]+\/)*$/, "must start and end with '/', e.g. /rotor/")
        .default("/rotor/"),
    ),
    PUBLIC_URL: optionalString.pipe(
      z
        .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
        .transform((value) => value.replace(/\/+$/, ""))
        .optional(),
    ),
    AUTH_SECRET: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    ),
    ROTOR_ADMIN_USERNAME: optionalString,
    ROTOR_ADMIN_PASSWORD: optionalString,
    /**
     * Bearer token GET /metrics requires when set (`Authorization: Bearer <token>`); unset, the
     * endpoint is open, for a Prometheus that reaches it over a private network only.
     */
    ROTOR_METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters (try: openssl rand -hex 24)").optional()),
    /** First webhook retry delay in ms, doubling per attempt up to 10 min (docs/webhooks.md); tests shorten it. */
    ROTOR_WEBHOOK_RETRY_BASE_MS: optionalString.pipe(
      z.coerce
        .number<string | undefined>({ error: "must be a number of milliseconds" })
        .int("must be a whole number of milliseconds")
        .min(100, "must be between 100 and 600000")
        .max(600_000, "must be between 100 and 600000")
        .default(5000),
    ),
    /**
     * Requests a minute each API token may make (per app instance) before /api/v1 answers 429
     * with Retry-After: a brake on a runaway script, far above what a bot or a sync needs. 0 = off.
     */
    ROTOR_API_RATE_LIMIT: optionalString.pipe(
      z.coerce
        .number<string | undefined>({ error: "must be a number of requests a minute" })
        .int("must be a whole number of requests a minute")
        .min(0, "must be between 0 and 1000000")
        .max(1_000_000, "must be between 0 and 1000000")
        .default(1200),
    ),
    /** Serves /api/bench/static, the framework-floor route `npm run bench:sub` compares with. */
    ROTOR_BENCH: optionalString.pipe(z.enum(["0", "1"], { error: "must be 1 or 0" }).optional()).transform((value) => value === "1"),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ROTOR_ADMIN_USERNAME) !== Boolean(env.ROTOR_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: "custom",
        path: [env.ROTOR_ADMIN_USERNAME ? "ROTOR_ADMIN_PASSWORD" : "ROTOR_ADMIN_USERNAME"],
        message: "set ROTOR_ADMIN_USERNAME and ROTOR_ADMIN_PASSWORD together",
      });
    }
  });

/** Never echoed back in an error message. */
const SECRET_VARIABLES = new Set(["AUTH_SECRET", "ROTOR_ADMIN_PASSWORD", "ROTOR_METRICS_TOKEN"]);

export type Env = z.infer<typeof envSchema>;

/** A bad environment value; its message is one line naming the variable. */
export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses an environment record; throws EnvError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = issue?.path[0] ?? "environment";
  const raw = typeof variable === "string" ? source[variable] : undefined;
  const shown = raw !== undefined && !SECRET_VARIABLES.has(String(variable));
  const got = shown ? ` (got ${JSON.stringify(raw)})` : "";
  throw new EnvError(`Invalid environment: ${String(variable)} ${issue?.message ?? "is invalid"}${got}`);
}

let cached: Env | undefined;

/** The process environment, parsed on first use and cached. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
