import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { revokedSessions } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { revokeSession, sessionIsLive } from "./session-revocation";

describe("session revocation", () => {
  let temp: TempDb;
  beforeEach(() => {
    temp = createTempDb();
  });
  afterEach(() => temp.close());

  it("refuses a signed-out session and no other", () => {
    revokeSession(temp.db, "session-a", new Date(Date.now() + 3_600_000));
    expect(sessionIsLive(temp.db, "session-a")).toBe(false);
    expect(sessionIsLive(temp.db, "session-b")).toBe(true);
    expect(sessionIsLive(temp.db, undefined)).toBe(false);
  });

  it("forgets entries once their sessions would have expired anyway", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    revokeSession(temp.db, "old", new Date(now.getTime() - 1), now);
    revokeSession(temp.db, "new", new Date(now.getTime() + 1000), now);
    revokeSession(temp.db, "new", new Date(now.getTime() + 1000), now);
    expect(temp.db.select().from(revokedSessions).all().map((row) => row.sessionId)).toEqual(["new"]);
  });
});
