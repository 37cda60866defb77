import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, expect, it } from "vitest";
import { webhookDeliveries } from "@/lib/db/schema";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createWebhook } from "./manage-webhooks";

const run = promisify(execFile);
let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.close());

it("hands every due delivery to exactly one of several processes racing on one database", async () => {
  const webhook = createWebhook(temp.db, { url: "http://127.0.0.1:9/hook", events: ["user.created"] }, { actor: "test" });
  const at = new Date("2026-05-01T12:00:00Z");
  temp.db
    .insert(webhookDeliveries)
    .values(Array.from({ length: 300 }, (_, index) => ({ webhookId: webhook.id, eventId: `e${index}`, event: "user.created" as const, payload: "{}", nextAttemptAt: at })))
    .run();
  const claimer = () =>
    run(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("test/support/webhook-claimer.ts")], {
      env: { ...process.env, DATABASE_FILE: temp.file, CLAIM_AT: at.toISOString() },
    }).then(({ stdout }) => JSON.parse(stdout) as number[]);
  const results = await Promise.all([claimer(), claimer(), claimer()]);
  const all = results.flat();
  expect(all).toHaveLength(300);
  expect(new Set(all).size).toBe(300);
});
