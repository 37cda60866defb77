import "server-only";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { EmbeddedRotationStore } from "./embedded-store";
import { createEtcdClient } from "./etcd-client";
import { EtcdRotationStore } from "./etcd-store";
import type { RotationStore } from "./store";

/** etcd when ETCD_ENDPOINTS is set, otherwise the embedded store in the same SQLite database. */
export function createRotationStore(env: Pick<Env, "ETCD_ENDPOINTS" | "ETCD_PREFIX">, db: Db): RotationStore {
  if (env.ETCD_ENDPOINTS) return new EtcdRotationStore(createEtcdClient(env.ETCD_ENDPOINTS), env.ETCD_PREFIX);
  return new EmbeddedRotationStore(db);
}
