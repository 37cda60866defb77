"use client";

import { useSyncExternalStore } from "react";
import { formatUtc } from "@/lib/util/format-utc";

/** One shared one-second clock for every RelativeTime on the page. */
const clock = {
  listeners: new Set<() => void>(),
  timer: undefined as ReturnType<typeof setInterval> | undefined,
  now: Date.now(),
  subscribe(listener: () => void) {
    clock.listeners.add(listener);
    clock.timer ??= setInterval(() => {
      clock.now = Date.now();
      for (const notify of clock.listeners) notify();
    }, 1000);
    return () => {
      clock.listeners.delete(listener);
      if (clock.listeners.size === 0) {
        clearInterval(clock.timer);
        clock.timer = undefined;
      }
    };
  },
};

/** "in 4m 12s" / "3m 05s ago", ticking every second; the exact time is in the title and datetime. */
export function RelativeTime({ at }: { at: string }) {
  // null on the server: it has no clock of the visitor's, so it renders the absolute time.
  const now = useSyncExternalStore(clock.subscribe, () => clock.now, () => null);
  const target = Date.parse(at);
  // Rendered on the server without a clock of the visitor's; filled in after hydration.
  const text = now === null ? formatUtc(new Date(target)) : describe(target - now);
  return (
    <time dateTime={at} title={new Date(target).toISOString()} className="tabular-nums">
      {text}
    </time>
  );
}

function describe(deltaMs: number): string {
  const future = deltaMs >= 0;
  let seconds = Math.round(Math.abs(deltaMs) / 1000);
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts = days > 0 ? [`${days}d`, `${hours}h`] : hours > 0 ? [`${hours}h`, `${minutes}m`] : minutes > 0 ? [`${minutes}m`, `${String(seconds).padStart(2, "0")}s`] : [`${seconds}s`];
  return future ? `in ${parts.join(" ")}` : `${parts.join(" ")} ago`;
}
