import type { AuditEntry } from "@/lib/audit/list-audit";
import { AuditDetails } from "./audit-details";

/** `2026-05-01 12:00:05 UTC`: one zone for every admin, the one the filters use. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="bg-zinc-100 text-left dark:bg-zinc-900">
          <tr>
            {["When", "Actor", "Action", "Target", "Details"].map((title) => (
              <th key={title} scope="col" className="px-3 py-2 font-medium">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="whitespace-nowrap px-3 py-2 align-top tabular-nums text-zinc-600 dark:text-zinc-300">
                <time dateTime={entry.at.toISOString()}>{utc(entry.at)}</time>
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
