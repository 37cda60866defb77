import type { UserStatus } from "@/lib/db/schema";

const TONES: Record<UserStatus, string> = {
  active: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  disabled: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  expired: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300",
  limited: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
};

/** A user's effective status as a coloured pill; the word itself carries the meaning. */
export function StatusBadge({ status }: { status: UserStatus }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{status}</span>;
}

/** A user whose expiry starts at their first connection (not started yet). */
export function OnHoldBadge() {
  return <span className="inline-block rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-800 dark:bg-sky-950 dark:text-sky-300">on hold</span>;
}
