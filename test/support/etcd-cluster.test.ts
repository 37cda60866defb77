import { Etcd3 } from "etcd3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEtcdCluster, type EtcdCluster } from "./etcd-cluster";

describe("startEtcdCluster", () => {
  let cluster: EtcdCluster;
  let client: Etcd3;

  beforeAll(async () => {
    cluster = await startEtcdCluster();
    client = new Etcd3({ hosts: cluster.endpoints });
  });

  afterAll(async () => {
    client?.close();
    await cluster?.stop();
  });

  it("serves a real etcd on a loopback port that etcd3 can write and read", async () => {
    expect(cluster.endpoints).toHaveLength(1);
    expect(cluster.endpoints[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await client.put("/rotor-test/greeting").value("hello");
    expect(await client.get("/rotor-test/greeting").string()).toBe("hello");
  });

  it("restarts a stopped member with its data intact", async () => {
    const member = cluster.members[0]!;
    await client.put("/rotor-test/durable").value("kept");
    await member.stop();
    expect(member.running).toBe(false);
    await member.start();
    expect(member.running).toBe(true);
    expect(await client.get("/rotor-test/durable").string()).toBe("kept");
  });
});
