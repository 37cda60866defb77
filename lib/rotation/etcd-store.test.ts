import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { startEtcdCluster, type EtcdCluster } from "@/test/support/etcd-cluster";
import { createEtcdClient } from "./etcd-client";
import { EtcdRotationStore } from "./etcd-store";
import { describeRotationStoreContract } from "./store-contract";

let cluster: EtcdCluster;
beforeAll(async () => {
  cluster = await startEtcdCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

// Each test gets its own prefix in the one real etcd, as separate deployments would.
describeRotationStoreContract("etcd", async () => {
  const store = new EtcdRotationStore(createEtcdClient(cluster.endpoints), `/rotor-test-${randomBytes(4).toString("hex")}/`);
  return { store, dispose: () => store.close() };
});
