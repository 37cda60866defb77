import { formatUtc } from "@/lib/util/format-utc";
import type { AuditEntry } from "@/lib/audit/list-audit";
import { TableHead } from "@/components/data-table";
import { AuditDetails } from "./audit-details";

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <caption className="sr-only">Audit log, newest first</caption>
        <TableHead headings={["When", "Actor", "Action", "Target", "Details"]} />
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="whitespace-nowrap px-3 py-2 align-top tabular-nums text-zinc-600 dark:text-zinc-300">
                <time dateTime={entry.at.toISOString()}>{formatUtc(entry.at)}</time>
              </td>
              <td className="whitespace-nowrap px-3 py-2 align-top">{entry.actor}</td>
              <td className="whitespace-nowrap px-3 py-2 align-top font-mono text-xs">{entry.action}</td>
              <td className="whitespace-nowrap px-3 py-2 align-top font-mono text-xs">{entry.target || "—"}</td>
              <td className="min-w-72 px-3 py-2 align-top">
                <AuditDetails details={entry.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
