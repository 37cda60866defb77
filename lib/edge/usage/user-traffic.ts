import { ROTOR_EMAIL } from "../edge-users-schema";

export interface UserTraffic {
  email: string;
  uplinkBytes: number;
  downlinkBytes: number;
}

/** The core's per-user counter names (with `policy.levels.<n>.statsUserUplink/Downlink` on). */
const USER_COUNTER = /^user>>>(.+)>>>traffic>>>(uplink|downlink)$/;

/**
 * Rotor users' traffic from QueryStats counters named `user>>>EMAIL>>>traffic>>>uplink|downlink`.
 * Other counters (inbounds, outbounds, users Rotor did not issue) and all-zero users are left out.
 */
export function userTrafficFromStats(stats: ReadonlyArray<{ name: string; value: number }>): UserTraffic[] {
  const byEmail = new Map<string, UserTraffic>();
  for (const { name, value } of stats) {
    const match = USER_COUNTER.exec(name);
    if (!match || !ROTOR_EMAIL.test(match[1]!) || !(value > 0)) continue;
    const email = match[1]!;
    const entry = byEmail.get(email) ?? { email, uplinkBytes: 0, downlinkBytes: 0 };
    if (match[2] === "uplink") entry.uplinkBytes += value;
    else entry.downlinkBytes += value;
    byEmail.set(email, entry);
  }
  return [...byEmail.values()].sort((a, b) => a.email.localeCompare(b.email));
}
