import type { Metadata } from "next";
import { headers } from "next/headers";
import { ConfirmedActionForm } from "@/components/owner/confirmed-action-form";
import { CreateEdgeForm } from "@/components/owner/create-edge-form";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listEdgeNodes } from "@/lib/edge/edge-nodes";
import { getEnv } from "@/lib/env";
import { revokeEdgeAction } from "./actions";
import { formatUtc } from "@/lib/util/format-utc";
import { formatSize } from "@/lib/util/units";

export const metadata: Metadata = { title: "Edges" };

export default async function EdgesPage() {
  await requirePermission("own");
  const edges = listEdgeNodes(getDb());
  const requestHeaders = await headers();
  const panelUrl = getEnv().PUBLIC_URL ?? `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host") ?? "localhost"}`;
  return (
    <div className="space-y-8">
      <PageHeader title="Edges" description="Each edge's agent polls the panel with its own token, keeps nginx's accepted paths and the proxy's users current, and reports their traffic. The dashboard shows whether each is up to date." />
      <CreateEdgeForm panelUrl={panelUrl} />
      <DataTable
        caption="Edges"
        headings={["Name", "State", "Last poll", "From", "Applied revision", "Users revision", "Traffic reported", ""]}
        rows={edges.map((edge) => ({
          key: edge.id,
          cells: [
            <span key="name" className="font-medium">{edge.name}</span>,
            edge.revokedAt ? `revoked ${formatUtc(edge.revokedAt, { seconds: false })}` : "live",
            edge.lastSeenAt ? formatUtc(edge.lastSeenAt, { seconds: false }) : "never",
            <span key="ip" className="font-mono text-xs">{edge.lastSeenIp ?? "—"}</span>,
            <span key="revision" className="font-mono">{edge.appliedRevision ?? "—"}</span>,
            <span key="users" className="font-mono">{edge.appliedUsersRevision ?? "—"}</span>,
            edge.lastReportAt ? (
              <span key="traffic">
                {formatSize(edge.reportedBytes)}
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">last {formatUtc(edge.lastReportAt, { seconds: false })}</span>
              </span>
            ) : (
              "none"
            ),
            edge.revokedAt ? null : (
              <ConfirmedActionForm
                key="revoke"
                action={revokeEdgeAction}
                field="name"
                value={edge.name}
                label="Revoke"
                question={`Revoke the edge "${edge.name}"?`}
                details="Its agent is refused from its next poll and stops; the edge keeps its last map until you stop nginx or register it again."
              />
            ),
          ],
        }))}
      />
    </div>
  );
}
