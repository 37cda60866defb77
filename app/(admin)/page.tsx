import type { Metadata } from "next";
import { AutoRefresh } from "@/components/dashboard/auto-refresh";
import { DataTable } from "@/components/data-table";
import { RelativeTime } from "@/components/dashboard/relative-time";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { loadOverview } from "@/lib/dashboard/overview";
import { getDb } from "@/lib/db/client";
import { listEdgeNodes } from "@/lib/edge/edge-nodes";
import { edgeUsersRevision } from "@/lib/edge/edge-users";
import { edgeStatuses, type EdgeHealth, type EdgeStatus } from "@/lib/edge/edge-status";
import type { HostRotationState } from "@/lib/rotation/state";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { formatDuration } from "@/lib/util/units";

export const metadata: Metadata = { title: "Dashboard" };

const REFRESH_MS = 5000;

export default async function DashboardPage() {
  await requirePermission("view");
  const db = getDb();
  const now = new Date();
  const overview = loadOverview(db, now);
  const engine = await getRotationEngine();
  const snapshot = engine.snapshot.status();
  const health = await engine.store.health();
  const usersRevision = edgeUsersRevision(db);
  const edges = edgeStatuses(listEdgeNodes(db), snapshot.revision, now, usersRevision);
  return (
    <div className="space-y-10">
      <AutoRefresh intervalMs={REFRESH_MS} />
      <PageHeader
        title="Dashboard"
        description={
          <>
            Rotation store: <strong>{engine.store.kind === "etcd" ? "etcd" : "embedded (SQLite, single instance only)"}</strong>
            {" · "}
            {health.ok ? "healthy" : <span className="text-red-700 dark:text-red-300">unreachable: {health.detail}</span>}
            {" · "}
            {snapshot.connected ? `live at revision ${snapshot.revision}` : `serving the last snapshot (${snapshot.lastError ?? "disconnected"})`}
            {" · "}
            {engine.leadership.isLeader() ? "this instance runs the schedule" : "another instance runs the schedule"}
            {" · refreshes every 5 s"}
          </>
        }
      />

      <section aria-labelledby="numbers-heading">
        <h2 id="numbers-heading" className="sr-only">
          Numbers
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Stat label="Users" value={overview.usersTotal} />
          <Stat label="Active" value={overview.usersByStatus.active} />
          <Stat label="Expired" value={overview.usersByStatus.expired} />
          <Stat label="Limited" value={overview.usersByStatus.limited} />
          <Stat label="Disabled" value={overview.usersByStatus.disabled} />
          <Stat label="Rotations, 24 h" value={overview.rotationsLast24h} />
        </dl>
      </section>

      <section aria-labelledby="hosts-heading" className="space-y-3">
        <h2 id="hosts-heading" className="text-lg font-medium">
          Hosts
        </h2>
        {overview.hosts.length === 0 ? (
          <p className="text-sm text-zinc-500">No hosts yet. Add one on the Hosts page or with <code>npm run rotor -- host:add</code>.</p>
        ) : (
          <ul className="grid gap-4 lg:grid-cols-2">
            {overview.hosts.map((host) => (
              <HostCard key={host.id} host={host} state={engine.snapshot.get(host.id)} now={now} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="edges-heading" className="space-y-3">
        <h2 id="edges-heading" className="text-lg font-medium">
          Edges
        </h2>
        <DataTable
          caption="Edges"
          headings={["Edge", "State", "Applied revision", "Users", "Last poll", "From"]}
          empty={
            <>
              No edges registered. Add one on the Edges page or with <code>npm run rotor -- edge:add --name N</code> (docs/edge.md).
            </>
          }
          rows={edges.map((edge) => ({
            key: edge.id,
            cells: [
              <span key="name" className="font-medium">{edge.name}</span>,
              <EdgeBadge key="state" health={edge.health} />,
              <span key="revision" className="font-mono tabular-nums">
                {edge.appliedRevision ?? "—"} <span className="text-zinc-500">/ {snapshot.revision}</span>
              </span>,
              <EdgeUsers key="users" edge={edge} current={usersRevision} />,
              edge.lastSeenAt ? <RelativeTime key="seen" at={edge.lastSeenAt.toISOString()} /> : "never",
              <span key="ip" className="font-mono text-xs">{edge.lastSeenIp ?? "—"}</span>,
            ],
          }))}
        />
      </section>
    </div>
  );
}

function HostCard({ host, state, now }: { host: ReturnType<typeof loadOverview>["hosts"][number]; state: HostRotationState | undefined; now: Date }) {
  const retired = state?.retired.filter((entry) => Date.parse(entry.acceptUntil) > now.getTime()) ?? [];
  return (
    <li aria-label={`Host ${host.name}`} className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{host.name}</h3>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {host.address}:{host.port} · {host.transport} + {host.security} · {host.enabled ? "enabled" : "disabled"}
        </span>
      </div>
      {!state ? (
        <p className="mt-3 text-sm text-zinc-500">No rotation state yet.</p>
      ) : (
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">Epoch</dt>
          <dd className="tabular-nums">{state.epoch}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Current path</dt>
          <dd className="break-all font-mono text-xs" data-testid={`current-path-${host.id}`}>
            {state.path}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Announced next</dt>
          <dd className="break-all font-mono text-xs">{state.next}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Still accepted</dt>
          <dd>
            {retired.length === 0 ? (
              <span className="text-zinc-500">none</span>
            ) : (
              <ul className="space-y-0.5">
                {retired.map((entry) => (
                  <li key={entry.path} className="font-mono text-xs">
                    <span className="break-all">{entry.path}</span> <span className="font-sans text-zinc-500">expires </span>
                    <span className="font-sans">
                      <RelativeTime at={entry.acceptUntil} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Last rotation</dt>
          <dd>
            <RelativeTime at={state.rotatedAt} />
            {state.lastRotation && (
              <span className="text-zinc-500">
                {" "}
                · {state.lastRotation.reason} by {state.lastRotation.actor}
              </span>
            )}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Next rotation</dt>
          <dd>
            {host.rotationIntervalSeconds === 0 || !state.nextRotationAt ? (
              "manual only"
            ) : (
              <>
                <RelativeTime at={state.nextRotationAt} /> <span className="text-zinc-500">(every {formatDuration(host.rotationIntervalSeconds)})</span>
              </>
            )}
          </dd>
        </dl>
      )}
    </li>
  );
}

const EDGE_BADGES: Record<EdgeHealth, { label: string; className: string }> = {
  current: { label: "up to date", className: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200" },
  behind: { label: "behind", className: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200" },
  silent: { label: "not polling", className: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" },
  never: { label: "never connected", className: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300" },
};

function EdgeBadge({ health }: { health: EdgeHealth }) {
  const badge = EDGE_BADGES[health];
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${badge.className}`}>{badge.label}</span>;
}

/** The users revision the edge's proxy has against the current one, or that its agent follows no users. */
function EdgeUsers({ edge, current }: { edge: EdgeStatus; current: string }) {
  if (edge.usersHealth === "off") return <span className="text-zinc-500">not followed</span>;
  return (
    <span className="font-mono tabular-nums">
      {edge.appliedUsersRevision} <span className="text-zinc-500">/ {current}</span>
      {edge.usersHealth === "behind" && <span className="ml-2 font-sans text-xs text-amber-700 dark:text-amber-400">applying</span>}
    </span>
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
