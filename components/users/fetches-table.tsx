import { TableHead } from "@/components/data-table";
import { RelativeTime } from "./relative-time";

interface Fetch {
  id: number;
  at: Date;
  userAgent: string;
  ip: string;
  format: string;
}

/** A user's latest subscription fetches, newest first. */
export function FetchesTable({ fetches, now }: { fetches: Fetch[]; now: Date }) {
  if (fetches.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No client has fetched this subscription yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <TableHead headings={["Time", "Client", "IP", "Format"]} />
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {fetches.map((fetch) => (
            <tr key={fetch.id}>
              <td className="whitespace-nowrap px-3 py-2">
                <RelativeTime date={fetch.at} now={now} />
              </td>
              <td className="max-w-xs truncate px-3 py-2 font-mono text-xs" title={fetch.userAgent}>
                {fetch.userAgent || "—"}
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{fetch.ip || "—"}</td>
              <td className="px-3 py-2">{fetch.format}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
