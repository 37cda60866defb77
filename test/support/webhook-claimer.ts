/**
 * A separate process that claims webhook deliveries from DATABASE_FILE a few at a time until none
 * are due, then prints the ids it got as JSON: several of these race on one file in
 * lib/webhooks/claim-processes.test.ts.
 */
import { openDatabase } from "@/lib/db/client";
import { claimDueDeliveries } from "@/lib/webhooks/claim-deliveries";

const db = openDatabase(process.env.DATABASE_FILE!);
const now = new Date(process.env.CLAIM_AT!);
const ids: number[] = [];
for (;;) {
  const claimed = claimDueDeliveries(db, { now, limit: 3 });
  if (claimed.length === 0) break;
  ids.push(...claimed.map((delivery) => delivery.id));
}
db.$client.close();
process.stdout.write(JSON.stringify(ids));
