import { listEdgeNodes } from "@/lib/edge/edge-nodes";
import { formatSize } from "@/lib/util/units";
import { defineCommand } from "../command";
import { formatTable } from "../table";

export const edgeListCommand = defineCommand({
  name: "edge:list",
  summary: "List edge nodes: when each last polled, from where, the path and users revisions it has applied, and the traffic it has reported.",
  options: {},
  run(_values, context) {
    const edges = listEdgeNodes(context.db());
    if (edges.length === 0) {
      context.out("no edges");
      return;
    }
    context.out(
      formatTable(
        ["ID", "NAME", "STATE", "LAST SEEN", "FROM", "APPLIED REVISION", "USERS REVISION", "TRAFFIC REPORTED"],
        edges.map((edge) => [
          String(edge.id),
          edge.name,
          edge.revokedAt ? `revoked ${edge.revokedAt.toISOString()}` : "live",
          edge.lastSeenAt?.toISOString() ?? "never",
          edge.lastSeenIp ?? "-",
          edge.appliedRevision ?? "-",
          edge.appliedUsersRevision ?? "-",
          edge.lastReportAt ? formatSize(edge.reportedBytes) : "-",
        ]),
      ),
    );
  },
});
