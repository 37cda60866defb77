import type { NextConfig } from "next";
import { EnvError, getEnv } from "./lib/env";

// Fail fast on a bad environment, in one line: `next build` and `next start` both load this file.
try {
  getEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(`rotor: ${error.message}`);
  process.exit(2);
}

const nextConfig: NextConfig = {
  // Native and gRPC packages: bundled, etcd3 cannot find its .proto files and better-sqlite3 its binary.
  serverExternalPackages: ["better-sqlite3", "etcd3", "@node-rs/argon2"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
