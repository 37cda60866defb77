/**
 * One app instance's rotation engine in its own process, as `next start` runs it at boot,
 * driven by a test over IPC: it reports leadership and snapshot changes and answers commands.
 * Started by RotationInstance (rotation-instance-process.ts); reads DATABASE_PATH, ETCD_* env.
 */
import { openDatabase } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createRotationStore } from "@/lib/rotation/create-store";
import { startRotationEngine } from "@/lib/rotation/engine";
import { rotateHost } from "@/lib/rotation/rotator";

export type InstanceCommand = { id: number } & ({ type: "status" } | { type: "rotate"; hostId: number } | { type: "stop" });

const send = (message: unknown) => process.send?.(message);
const env = parseEnv(process.env);
const db = openDatabase(env.DATABASE_PATH);
const store = createRotationStore(env, db);
const engine = await startRotationEngine({ db, store, instanceId: process.env.INSTANCE_ID, schedulerTickMs: 100 });

engine.leadership.onChange((leader) => send({ type: "leader", leader }));
// `at` is wall-clock ms with sub-ms precision, comparable across processes on one machine.
engine.snapshot.subscribe((change) => send({ type: "state", change, at: performance.timeOrigin + performance.now() }));

process.on("message", async (command: InstanceCommand) => {
  const reply = (body: Record<string, unknown>) => send({ type: "reply", id: command.id, ...body });
  if (command.type === "status") {
    reply({ leader: engine.leadership.isLeader(), states: engine.snapshot.all(), snapshot: engine.snapshot.status() });
  } else if (command.type === "rotate") {
    try {
      const outcome = await rotateHost({ db, store }, { hostId: command.hostId, reason: "manual", actor: engine.instanceId });
      reply({ ok: true, state: outcome.state });
    } catch (error) {
      reply({ ok: false, code: error instanceof AppError ? error.code : "internal", message: String(error) });
    }
  } else if (command.type === "stop") {
    await engine.stop();
    reply({ ok: true });
    process.exit(0);
  }
});
send({ type: "ready", instanceId: engine.instanceId, leader: engine.leadership.isLeader() });
