import Link from "next/link";
import type { RotationEntry } from "@/lib/rotation/list-rotations";
import { TimeStamp } from "./time-stamp";

const REASON_CLASS: Record<RotationEntry["reason"], string> = {
  initial: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  scheduled: "bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  manual: "bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
};

/** Rotations as a vertical timeline, newest first: host and epoch, the move from → to, when, why and who. */
export function RotationTimeline({ rotations, now }: { rotations: RotationEntry[]; now: Date }) {
  return (
    <ol aria-label="Rotations" className="relative space-y-4 border-l border-zinc-200 pl-6 dark:border-zinc-800">
      {rotations.map((rotation) => (
        <li key={rotation.id} aria-label={`${rotation.hostName} epoch ${rotation.epoch}`} className="relative">
          <span aria-hidden="true" className="absolute -left-[1.95rem] top-1.5 size-3 rounded-full border-2 border-white bg-indigo-500 dark:border-zinc-950" />
          <div className="rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Link href={`/hosts/${rotation.hostId}`} className="font-semibold text-indigo-600 hover:underline dark:text-indigo-400">
                {rotation.hostName}
              </Link>
              <span className="tabular-nums">epoch {rotation.epoch}</span>
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${REASON_CLASS[rotation.reason]}`}>{rotation.reason}</span>
              <span className="text-zinc-600 dark:text-zinc-300">by {rotation.actor}</span>
            </div>
            <p className="mt-1 break-all font-mono text-xs">
              {rotation.fromPath ? (
                <>
                  {rotation.fromPath} → {rotation.toPath}
                </>
              ) : (
                <>first path: {rotation.toPath}</>
              )}
            </p>
            <p className="mt-1 text-xs">
              <TimeStamp at={rotation.at} now={now} />
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
