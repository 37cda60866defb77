import Link from "next/link";
import type { ActionState } from "@/lib/admin/admin-action";
import type { Host } from "@/lib/hosts/get-host";
import type { HostRotationState } from "@/lib/rotation/state";
import { formatDuration } from "@/lib/util/units";
import { TableHead } from "@/components/data-table";
import { RotateHostButton } from "./rotate-host-button";

// Endpoint with its transport and the interval with its grace share a cell, so the table with both
// paths and the Rotate button fits the page at 1280 px; on narrow screens it scrolls.
const COLUMNS = ["Name", "Endpoint", "Epoch", "Current path", "Next path", "Rotation", "State"];

/** Every host with its live epoch and paths; a Rotate now button per row for roles that manage. */
export function HostsTable({
  hosts,
  states,
  rotateAction,
}: {
  hosts: Host[];
  states: ReadonlyMap<number, HostRotationState>;
  /** Absent for roles that may not rotate: no Actions column at all. */
  rotateAction?: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <TableHead headings={[...COLUMNS, ...(rotateAction ? ["Actions"] : [])]} nowrap />
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {hosts.map((host) => {
            const state = states.get(host.id);
            return (
              <tr key={host.id} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link href={`/hosts/${host.id}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
                    {host.name}
                  </Link>
                </th>
                <td className="px-3 py-2">
                  <span className="block whitespace-nowrap font-mono text-xs">
                    {host.address}:{host.port}
                  </span>
                  <span className="block whitespace-nowrap text-xs text-zinc-500 dark:text-zinc-400">
                    {host.transport} + {host.security}
                  </span>
                </td>
                <td className="px-3 py-2 tabular-nums">{state?.epoch ?? "—"}</td>
                <td className="px-3 py-2 font-mono text-xs">{state?.path ?? "not yet created"}</td>
                <td className="px-3 py-2 font-mono text-xs">{state?.next ?? "—"}</td>
                <td className="px-3 py-2">
                  <span className="block whitespace-nowrap">{host.rotationIntervalSeconds === 0 ? "manual" : `every ${formatDuration(host.rotationIntervalSeconds)}`}</span>
                  <span className="block whitespace-nowrap text-xs text-zinc-500 dark:text-zinc-400">grace {formatDuration(host.graceSeconds)}</span>
                </td>
                <td className="px-3 py-2">
                  {host.enabled ? (
                    "enabled"
                  ) : (
                    <span className="rounded bg-zinc-200 px-1.5 py-0.5 text-xs font-medium dark:bg-zinc-800">disabled</span>
                  )}
                </td>
                {rotateAction && (
                  <td className="whitespace-nowrap px-3 py-2">
                    <RotateHostButton action={rotateAction} hostId={host.id} hostName={host.name} current={state?.path} next={state?.next} compact />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
