import { ROTOR_EMAIL } from "../edge-users-schema";

export interface UserTraffic {
  email: string;
  uplinkBytes: number;
  downlinkBytes: number;
}

/**
 * The QueryStats pattern for Rotor's users' counters only. The core matches it as a substring and
 * zeroes what it matches (reset), so `user>>>` would zero other tools' users too; every Rotor email
 * ends in `@rotor` (ROTOR_EMAIL), and the name goes on `>>>traffic>>>uplink|downlink`.
 */
export const ROTOR_TRAFFIC_PATTERN = "@rotor>>>traffic>>>";

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
