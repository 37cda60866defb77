import "server-only";
import { ensureFirstAdmin } from "@/lib/admins/ensure-first-admin";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { getDb } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { startExpiryJob, type ExpiryJob } from "@/lib/users/start-expiry-job";
import { startEdgeLagJob, type EdgeLagJob } from "@/lib/webhooks/edge-lag";
import { startWebhookWorker, type WebhookWorker } from "@/lib/webhooks/start-webhook-worker";

const holder = globalThis as unknown as { rotorExpiryJob?: ExpiryJob; rotorWebhookWorker?: WebhookWorker; rotorEdgeLagJob?: EdgeLagJob };

/**
 * Start-up work of the server process: migrate, make sure a session secret and an admin exist,
 * start the rotation engine, the expiry job, the webhook delivery worker and the edge lag check.
 */
export async function bootstrapServer(): Promise<void> {
  const env = getEnv();
  const db = getDb();
  migrateDatabase(db);
  resolveAuthSecret(env);
  log.info("database ready", { path: env.DATABASE_PATH });
  const outcome = await ensureFirstAdmin(db, {
    username: env.ROTOR_ADMIN_USERNAME,
    password: env.ROTOR_ADMIN_PASSWORD,
  });
  if (outcome.kind === "created") log.info("created the first admin from ROTOR_ADMIN_USERNAME", { username: outcome.username });
  if (outcome.kind === "missing") {
    log.warn(
      "no admin exists yet: set ROTOR_ADMIN_USERNAME and ROTOR_ADMIN_PASSWORD, or run `npm run rotor -- admin:create --username <name> --role owner`",
    );
  }
  log.info(env.ETCD_ENDPOINTS ? "rotation store: etcd" : "rotation store: embedded (SQLite, single instance only)", {
    endpoints: env.ETCD_ENDPOINTS?.join(","),
  });
  const engine = await getRotationEngine();
  const status = engine.snapshot.status();
  log.info("rotation engine started", { instance: engine.instanceId, hosts: status.hosts, loaded: status.loaded });
  // Once per process, like the engine, however many copies of this module Next loads.
  holder.rotorExpiryJob ??= startExpiryJob(db);
  if (!holder.rotorWebhookWorker) {
    const worker = startWebhookWorker(db, { retryBaseMs: env.ROTOR_WEBHOOK_RETRY_BASE_MS });
    holder.rotorWebhookWorker = worker;
    // Next ends on SIGTERM with process.exit(): hand back the sends in flight (synchronously).
    process.once("exit", () => worker.releaseClaims());
  }
  holder.rotorEdgeLagJob ??= startEdgeLagJob(db, () => engine.snapshot.status().revision);
}

/**
 * A server that cannot migrate or open its database would answer every request with 500:
 * stop with one line instead, so the operator (or the supervisor) sees why.
 */
export async function bootstrapServerOrExit(): Promise<void> {
  try {
    await bootstrapServer();
  } catch (error) {
    console.error(`rotor: start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
