import { describe, expect, it } from "vitest";
import { userTrafficFromStats } from "./user-traffic";

describe("userTrafficFromStats", () => {
  it("pairs each Rotor user's uplink and downlink and leaves out everything else", () => {
    expect(
      userTrafficFromStats([
        { name: "user>>>user-2@rotor>>>traffic>>>downlink", value: 2000 },
        { name: "user>>>user-1@rotor>>>traffic>>>uplink", value: 100 },
        { name: "user>>>user-1@rotor>>>traffic>>>downlink", value: 900 },
        { name: "user>>>user-3@rotor>>>traffic>>>uplink", value: 0 },
        { name: "user>>>user-3@rotor>>>traffic>>>downlink", value: 0 },
        { name: "user>>>ops@example.com>>>traffic>>>uplink", value: 5 },
        { name: "inbound>>>rotor-ws>>>traffic>>>uplink", value: 7 },
        { name: "user>>>user-4@rotor>>>online", value: 3 },
      ]),
    ).toEqual([
      { email: "user-1@rotor", uplinkBytes: 100, downlinkBytes: 900 },
      { email: "user-2@rotor", uplinkBytes: 0, downlinkBytes: 2000 },
    ]);
  });

  it("is empty when nobody moved a byte", () => {
    expect(userTrafficFromStats([])).toEqual([]);
    expect(userTrafficFromStats([{ name: "user>>>user-1@rotor>>>traffic>>>uplink", value: 0 }])).toEqual([]);
  });
});
