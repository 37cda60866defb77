import { formatSize } from "@/lib/util/units";

/** Used traffic against the limit, with a bar when there is a limit. */
export function TrafficUsage({ uploadBytes, downloadBytes, dataLimitBytes }: { uploadBytes: number; downloadBytes: number; dataLimitBytes: number | null }) {
  const used = uploadBytes + downloadBytes;
  const share = dataLimitBytes ? Math.min(100, Math.round((used / dataLimitBytes) * 100)) : null;
  return (
    <div>
      <p className="font-medium tabular-nums">
        {formatSize(used)} of {dataLimitBytes === null ? "unlimited" : formatSize(dataLimitBytes)}
      </p>
      {share !== null && (
        <div role="progressbar" aria-label="Traffic used" aria-valuenow={share} aria-valuemin={0} aria-valuemax={100} aria-valuetext={`${share}%`} className="mt-2 h-2 rounded-full bg-zinc-200 dark:bg-zinc-800">
          <div className={`h-2 rounded-full ${share >= 100 ? "bg-red-600" : share >= 80 ? "bg-amber-500" : "bg-indigo-600"}`} style={{ width: `${share}%` }} />
        </div>
      )}
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400 tabular-nums">
        ↑ {formatSize(uploadBytes)} · ↓ {formatSize(downloadBytes)}
      </p>
    </div>
  );
}
