import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { loadOverview } from "@/lib/dashboard/overview";
import { getDb } from "@/lib/db/client";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { formatDuration } from "@/lib/util/units";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requirePermission("view");
  const overview = loadOverview(getDb());
  const engine = await getRotationEngine();
  const snapshot = engine.snapshot.status();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
          Rotation store: {engine.store.kind === "etcd" ? "etcd" : "embedded (SQLite, single instance only)"}
          {" · "}
          {snapshot.connected ? "live" : `reconnecting, serving the last snapshot (${snapshot.lastError ?? "disconnected"})`}
          {" · "}
          {engine.leadership.isLeader() ? "this instance runs the schedule" : "another instance runs the schedule"}
        </p>
      </div>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading" className="text-lg font-medium">
          Users
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Stat label="Total" value={overview.usersTotal} />
          {Object.entries(overview.usersByStatus).map(([status, value]) => (
            <Stat key={status} label={status[0]?.toUpperCase() + status.slice(1)} value={value} />
          ))}
        </dl>
      </section>
      <section aria-labelledby="hosts-heading">
        <h2 id="hosts-heading" className="text-lg font-medium">
          Hosts
        </h2>
        {overview.hosts.length === 0 ? (
          <p className="mt-3 text-sm text-zinc-500">No hosts yet. Add one with <code>npm run rotor -- host:add</code>.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
            <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
              <thead className="bg-zinc-100 text-left dark:bg-zinc-900">
                <tr>
                  {["Name", "Endpoint", "Transport", "Epoch", "Current path", "Rotation", "Grace", "State"].map((title) => (
                    <th key={title} scope="col" className="px-3 py-2 font-medium">{title}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {overview.hosts.map((host) => (
                  <tr key={host.id}>
                    <td className="px-3 py-2 font-medium">{host.name}</td>
                    <td className="px-3 py-2 font-mono">{host.address}:{host.port}</td>
                    <td className="px-3 py-2">{host.transport} + {host.security}</td>
                    <td className="px-3 py-2 tabular-nums">{engine.snapshot.get(host.id)?.epoch ?? "—"}</td>
                    <td className="px-3 py-2 font-mono text-xs">{engine.snapshot.get(host.id)?.path ?? "not yet created"}</td>
                    <td className="px-3 py-2">{host.rotationIntervalSeconds === 0 ? "manual" : `every ${formatDuration(host.rotationIntervalSeconds)}`}</td>
                    <td className="px-3 py-2">{formatDuration(host.graceSeconds)}</td>
                    <td className="px-3 py-2">{host.enabled ? "enabled" : "disabled"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value.toLocaleString("en-US")}</dd>
    </div>
  );
}
