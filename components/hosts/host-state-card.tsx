import Link from "next/link";
import { TimeStamp } from "@/components/rotations/time-stamp";
import type { HostRotationState } from "@/lib/rotation/state";

/** A host's live rotation state from this instance's snapshot: what clients get and what edges accept. */
export function HostStateCard({ hostId, state, now }: { hostId: number; state: HostRotationState | undefined; now: Date }) {
  if (!state) {
    return (
      <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
        No live rotation state yet: the rotation store has not answered since this host was created. Its first path is created as soon
        as it does.
      </p>
    );
  }
  const retired = state.retired.filter((entry) => Date.parse(entry.acceptUntil) > now.getTime());
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
        <Row label="Epoch">
          <span className="tabular-nums">{state.epoch}</span>
        </Row>
        <Row label="Current path">
          <code className="break-all">{state.path}</code>
        </Row>
        <Row label="Next path (announced)">
          <code className="break-all">{state.next}</code>
        </Row>
        <Row label="Last rotation">
          <TimeStamp at={state.rotatedAt} now={now} /> · {state.lastRotation.reason} by {state.lastRotation.actor}
        </Row>
        <Row label="Next rotation">{state.nextRotationAt ? <TimeStamp at={state.nextRotationAt} now={now} /> : "manual only"}</Row>
        <Row label="Retired, still accepted">
          {retired.length === 0 ? (
            "none"
          ) : (
            <ul className="space-y-1">
              {retired.map((entry) => (
                <li key={entry.path}>
                  <code className="break-all">{entry.path}</code> until <TimeStamp at={entry.acceptUntil} now={now} />
                </li>
              ))}
            </ul>
          )}
        </Row>
      </dl>
      <p className="mt-4 text-sm">
        <Link href={`/rotations?hostId=${hostId}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Rotation history of this host
        </Link>
      </p>
    </div>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
