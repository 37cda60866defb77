/**
 * A child process that posts one usage report straight to the database when told "go", so a test
 * can have several processes (several SQLite connections) count the same report at once.
 * Env: DATABASE_FILE, EDGE_ID, REPORT (the JSON body).
 */
import { openDatabase } from "@/lib/db/client";
import { recordUsage } from "@/lib/usage/record-usage";

const db = openDatabase(process.env.DATABASE_FILE!);
const report: unknown = JSON.parse(process.env.REPORT!);
process.on("message", (message) => {
  if (message !== "go") return;
  const result = recordUsage(db, { edgeId: Number(process.env.EDGE_ID), report });
  process.send!(result, () => {
    db.$client.close();
    process.exit(0);
  });
});
process.send!("ready");
