import { describe, expect, it } from "vitest";
import { userEventsForAudit, type AuditFacts } from "./audit-events";

describe("userEventsForAudit", () => {
  it.each<[string, AuditFacts, ReturnType<typeof userEventsForAudit>]>([
    ["create", { action: "user.create", target: "user:7", details: { username: "ann" } }, [{ event: "user.created", userId: 7, username: "ann" }]],
    ["update", { action: "user.update", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["update storing limited", { action: "user.update", target: "user:7", details: { changes: { dataLimitBytes: { from: null, to: 5 }, status: { from: "active", to: "limited" } } } }, [{ event: "user.limited", userId: 7 }]],
    ["update storing expired", { action: "user.update", target: "user:7", details: { changes: { status: { from: "active", to: "expired" } } } }, [{ event: "user.expired", userId: 7 }]],
    ["update re-enabling", { action: "user.update", target: "user:7", details: { changes: { status: { from: "limited", to: "active" } } } }, [{ event: "user.updated", userId: 7 }]],
    ["enable", { action: "user.enable", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["disable", { action: "user.disable", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["extend", { action: "user.extend", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["reset token", { action: "user.reset_token", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["traffic reset", { action: "user.traffic_reset", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["on hold started", { action: "user.on_hold_started", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["an unlisted user action", { action: "user.renamed_somehow", target: "user:7" }, [{ event: "user.updated", userId: 7 }]],
    ["delete", { action: "user.delete", target: "user:7", details: { username: "ann" } }, [{ event: "user.deleted", userId: 7, username: "ann" }]],
    ["expired", { action: "user.expired", target: "user:7" }, [{ event: "user.expired", userId: 7 }]],
    ["limited", { action: "user.limited", target: "user:7" }, [{ event: "user.limited", userId: 7 }]],
    ["bulk enable", { action: "user.bulk_enable", target: "users", details: { ids: [1, 2] } }, [{ event: "user.updated", userId: 1 }, { event: "user.updated", userId: 2 }]],
    ["bulk extend", { action: "user.bulk_extend", target: "users", details: { ids: [3], days: 30 } }, [{ event: "user.updated", userId: 3 }]],
    [
      "bulk delete",
      { action: "user.bulk_delete", target: "users", details: { ids: [1, 2], usernames: ["a", "b"] } },
      [
        { event: "user.deleted", userId: 1, username: "a" },
        { event: "user.deleted", userId: 2, username: "b" },
      ],
    ],
    ["bulk with nothing changed", { action: "user.bulk_disable", target: "users", details: { ids: [] } }, []],
    ["webhook admin", { action: "webhook.create", target: "webhook:1" }, []],
    ["webhook resend", { action: "webhook.resend", target: "webhook:1" }, []],
    ["host", { action: "host.rotate", target: "host:1" }, []],
    ["admin", { action: "admin.delete", target: "admin:2" }, []],
    ["user action without a user target", { action: "user.update", target: "users" }, []],
  ])("%s", (_name, entry, expected) => {
    expect(userEventsForAudit(entry)).toEqual(expected);
  });
});
