import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/lib/db/client";
import { EmbeddedRotationStore } from "@/lib/rotation/embedded-store";
import { createEtcdClient } from "@/lib/rotation/etcd-client";
import { EtcdRotationStore } from "@/lib/rotation/etcd-store";
import type { RotationStore } from "@/lib/rotation/store";
import { startEtcdCluster, type EtcdCluster } from "./etcd-cluster";

export interface StoreKind {
  name: "embedded" | "etcd";
  create: (db: Db) => RotationStore;
}

/**
 * Both stores, for suites that must hold for each: the embedded one on the test's SQLite, and
 * etcd on one real etcd started for the file, each store under its own fresh prefix.
 */
export function setUpStoreKinds(): StoreKind[] {
  let cluster: EtcdCluster | undefined;
  beforeAll(async () => {
    cluster = await startEtcdCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return [
    { name: "embedded", create: (db) => new EmbeddedRotationStore(db, { pollMs: 20 }) },
    {
      name: "etcd",
      create: () => {
        if (!cluster) throw new Error("etcd is not running");
        return new EtcdRotationStore(createEtcdClient(cluster.endpoints), `/rotor-test-${randomBytes(4).toString("hex")}/`);
      },
    },
  ];
}
