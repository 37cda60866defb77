import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { LOGIN_THROTTLE, loginRetryAfterMs, recordLoginAttempt, throttledMessage } from "./login-throttle";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

const T0 = new Date("2026-11-25T12:00:00Z").getTime();
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function fail(username: string, ip: string, minute: number) {
  recordLoginAttempt(temp.db, { username, ip }, false, at(minute));
}

describe("login throttle", () => {
  it("locks a username after 5 failures within 15 minutes, until the oldest leaves the window", () => {
    for (let minute = 0; minute < 4; minute += 1) fail("root", `10.0.0.${minute}`, minute);
    expect(loginRetryAfterMs(temp.db, { username: "root", ip: "10.9.9.9" }, at(4))).toBe(0);
    fail("root", "10.0.0.4", 4);
    expect(loginRetryAfterMs(temp.db, { username: "root", ip: "10.9.9.9" }, at(5))).toBe(10 * 60_000);
    expect(loginRetryAfterMs(temp.db, { username: "other", ip: "10.9.9.9" }, at(5))).toBe(0);
    expect(loginRetryAfterMs(temp.db, { username: "root", ip: "10.9.9.9" }, at(15.5))).toBe(0);
  });

  it("locks an IP after 5 failures across usernames", () => {
    for (let index = 0; index < LOGIN_THROTTLE.maxFailures; index += 1) fail(`user${index}`, "10.0.0.1", 1);
    expect(loginRetryAfterMs(temp.db, { username: "fresh", ip: "10.0.0.1" }, at(2))).toBe(14 * 60_000);
    expect(loginRetryAfterMs(temp.db, { username: "fresh", ip: "10.0.0.2" }, at(2))).toBe(0);
  });

  it("forgets failures before a successful sign-in", () => {
    for (let minute = 0; minute < 4; minute += 1) fail("root", "10.0.0.1", minute);
    recordLoginAttempt(temp.db, { username: "root", ip: "10.0.0.1" }, true, at(4));
    fail("root", "10.0.0.1", 5);
    expect(loginRetryAfterMs(temp.db, { username: "root", ip: "10.0.0.1" }, at(6))).toBe(0);
  });

  it("says how long to wait in whole minutes", () => {
    expect(throttledMessage(10 * 60_000)).toBe("Too many failed sign-ins. Try again in 10 minutes.");
    expect(throttledMessage(5_000)).toBe("Too many failed sign-ins. Try again in 1 minute.");
  });
});
