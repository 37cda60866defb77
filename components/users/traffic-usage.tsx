import { formatSize } from "@/lib/util/units";

/** The share of the limit used, 0–100 (capped), or null when there is no limit. */
function usedShare(used: number, dataLimitBytes: number | null): number | null {
  return dataLimitBytes ? Math.min(100, Math.round((used / dataLimitBytes) * 100)) : null;
}

/** A bar of the share used: indigo, amber from 80 %, red at the limit. */
export function UsageBar({ share, label, thin = false }: { share: number; label: string; thin?: boolean }) {
  const height = thin ? "h-1" : "h-2";
  return (
    <div role="progressbar" aria-label={label} aria-valuenow={share} aria-valuemin={0} aria-valuemax={100} aria-valuetext={`${share}%`} className={`${height} rounded-full bg-zinc-200 dark:bg-zinc-800`}>
      <div className={`${height} rounded-full ${share >= 100 ? "bg-red-600" : share >= 80 ? "bg-amber-500" : "bg-indigo-600"}`} style={{ width: `${share}%` }} />
    </div>
  );
}

/** Used traffic against the limit, with a bar when there is a limit. */
export function TrafficUsage({ uploadBytes, downloadBytes, dataLimitBytes }: { uploadBytes: number; downloadBytes: number; dataLimitBytes: number | null }) {
  const used = uploadBytes + downloadBytes;
  const share = usedShare(used, dataLimitBytes);
  return (
    <div>
      <p className="font-medium tabular-nums">
        {formatSize(used)} of {dataLimitBytes === null ? "unlimited" : formatSize(dataLimitBytes)}
      </p>
      {share !== null && (
        <div className="mt-2">
          <UsageBar share={share} label="Traffic used" />
        </div>
      )}
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400 tabular-nums">
        ↑ upload {formatSize(uploadBytes)} · ↓ download {formatSize(downloadBytes)}
      </p>
    </div>
  );
}

/** A list row's "used / limit" with a thin bar under it when there is a limit. */
export function TrafficCell({ username, used, dataLimitBytes }: { username: string; used: number; dataLimitBytes: number | null }) {
  const share = usedShare(used, dataLimitBytes);
  return (
    <div className="min-w-[7rem]">
      <span className="tabular-nums">
        {formatSize(used)} / {dataLimitBytes === null ? "∞" : formatSize(dataLimitBytes)}
      </span>
      {share !== null && (
        <div className="mt-1">
          <UsageBar share={share} label={`Traffic used by ${username}`} thin />
        </div>
      )}
    </div>
  );
}
