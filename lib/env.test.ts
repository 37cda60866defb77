import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies the contract's defaults to an empty environment", () => {
    expect(parseEnv({})).toEqual({
      PORT: 3000,
      DATABASE_PATH: "data/rotor.db",
      ETCD_ENDPOINTS: undefined,
      ETCD_PREFIX: "/rotor/",
      PUBLIC_URL: undefined,
      AUTH_SECRET: undefined,
      ROTOR_ADMIN_USERNAME: undefined,
      ROTOR_ADMIN_PASSWORD: undefined,
      ROTOR_METRICS_TOKEN: undefined,
      ROTOR_WEBHOOK_RETRY_BASE_MS: 5000,
      ROTOR_API_RATE_LIMIT: 1200,
      ROTOR_BENCH: false,
    });
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", ETCD_ENDPOINTS: " ", PUBLIC_URL: "" })).toMatchObject({
      PORT: 3000,
      ETCD_ENDPOINTS: undefined,
      PUBLIC_URL: undefined,
    });
  });

  it("parses valid values", () => {
    expect(
      parseEnv({
        PORT: "8080",
        ETCD_ENDPOINTS: "http://10.0.0.1:2379, https://etcd.example:2379",
        ETCD_PREFIX: "/prod/rotor/",
        PUBLIC_URL: "https://panel.example.com/",
        AUTH_SECRET: "x".repeat(32),
        ROTOR_ADMIN_USERNAME: "root",
        ROTOR_ADMIN_PASSWORD: "secret-password",
        ROTOR_METRICS_TOKEN: " scrape-token-0123456789 ",
        ROTOR_API_RATE_LIMIT: "0",
      }),
    ).toMatchObject({
      ROTOR_API_RATE_LIMIT: 0,
      ROTOR_METRICS_TOKEN: "scrape-token-0123456789",
      PORT: 8080,
      ETCD_ENDPOINTS: ["http://10.0.0.1:2379", "https://etcd.example:2379"],
      ETCD_PREFIX: "/prod/rotor/",
      PUBLIC_URL: "https://panel.example.com",
    });
  });

  it.each([
    [{ PORT: "abc" }, 'Invalid environment: PORT must be a port number (got "abc")'],
    [{ PORT: "70000" }, 'Invalid environment: PORT must be between 1 and 65535 (got "70000")'],
    [{ PORT: "80.5" }, 'Invalid environment: PORT must be a whole number (got "80.5")'],
    [{ ETCD_ENDPOINTS: "localhost:2379" }, 'Invalid environment: ETCD_ENDPOINTS each endpoint must be an http(s) URL (got "localhost:2379")'],
    [{ ETCD_ENDPOINTS: "," }, 'Invalid environment: ETCD_ENDPOINTS list at least one endpoint (got ",")'],
    [{ ETCD_PREFIX: "rotor" }, "Invalid environment: ETCD_PREFIX must start and end with '/', e.g. /rotor/ (got \"rotor\")"],
    [{ PUBLIC_URL: "panel.example.com" }, 'Invalid environment: PUBLIC_URL must be an absolute http(s) URL (got "panel.example.com")'],
    [{ AUTH_SECRET: "short" }, "Invalid environment: AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)"],
    [{ ROTOR_WEBHOOK_RETRY_BASE_MS: "10" }, 'Invalid environment: ROTOR_WEBHOOK_RETRY_BASE_MS must be between 100 and 600000 (got "10")'],
    [{ ROTOR_API_RATE_LIMIT: "-1" }, 'Invalid environment: ROTOR_API_RATE_LIMIT must be between 0 and 1000000 (got "-1")'],
    [{ ROTOR_API_RATE_LIMIT: "lots" }, 'Invalid environment: ROTOR_API_RATE_LIMIT must be a number of requests a minute (got "lots")'],
    [{ ROTOR_METRICS_TOKEN: "short" }, "Invalid environment: ROTOR_METRICS_TOKEN must be at least 16 characters (try: openssl rand -hex 24)"],
    [{ ROTOR_ADMIN_USERNAME: "root" }, "Invalid environment: ROTOR_ADMIN_PASSWORD set ROTOR_ADMIN_USERNAME and ROTOR_ADMIN_PASSWORD together"],
    [{ ROTOR_ADMIN_PASSWORD: "pw-only" }, "Invalid environment: ROTOR_ADMIN_USERNAME set ROTOR_ADMIN_USERNAME and ROTOR_ADMIN_PASSWORD together"],
  ])("rejects %j with one line naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
    expect(message).not.toContain("\n");
  });

  it("never echoes a secret in its error", () => {
    expect(() => parseEnv({ AUTH_SECRET: "tooshort-secret" })).toThrow(/^(?!.*tooshort-secret).*$/);
    expect(() => parseEnv({ ROTOR_METRICS_TOKEN: "short-metrics" })).toThrow(/^(?!.*short-metrics).*$/);
  });
});
