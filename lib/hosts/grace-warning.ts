import { formatDuration } from "@/lib/util/units";

/**
 * Why a grace window is too short, or null when it is long enough. Clients refresh every
 * `updateIntervalHours` (profile-update-interval); a client that just missed a refresh must still
 * connect with the retired path, so grace should be at least twice that (DESIGN.md).
 */
export function graceWarning(graceSeconds: number, updateIntervalHours: number): string | null {
  const minimum = 2 * updateIntervalHours * 3600;
  if (graceSeconds >= minimum) return null;
  return (
    `Grace ${formatDuration(graceSeconds)} is shorter than twice the profile update interval ` +
    `(2 × ${formatDuration(updateIntervalHours * 3600)} = ${formatDuration(minimum)}): a client that refreshes on schedule ` +
    `may still hold a retired path after edges stop accepting it, and lose its connection until its next refresh.`
  );
}
