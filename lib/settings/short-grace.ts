/** A host's name and how long its edges keep accepting a retired path. */
export interface HostGrace {
  name: string;
  graceSeconds: number;
}

/**
 * Hosts whose grace is shorter than twice the update interval (DESIGN.md: grace ≥ 2 × interval).
 * /sub shortens the interval before a scheduled rotation, but a manual one comes unannounced: a
 * client refreshing this seldom can find its path retired and refused until it refreshes.
 */
export function shortGraceHosts(hosts: readonly HostGrace[], updateIntervalHours: number): HostGrace[] {
  if (!Number.isFinite(updateIntervalHours) || updateIntervalHours <= 0) return [];
  return hosts.filter((host) => host.graceSeconds < 2 * updateIntervalHours * 3600);
}
