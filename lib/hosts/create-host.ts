import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { catalogChanged } from "@/lib/subscription/catalog";
import type { Db } from "@/lib/db/client";
import { hosts } from "@/lib/db/schema";
import { asDuplicateConflict } from "@/lib/db/unique-violation";
import { parseInput } from "@/lib/validation";
import { createHostSchema } from "./schema";

/** Creates a host (input validated with createHostSchema) and audits it. */
export function createHost(db: Db, input: unknown, options: { actor: string }) {
  const fields = parseInput(createHostSchema, input);
  try {
    return db.transaction((tx) => {
      const host = tx.insert(hosts).values(fields).returning().get();
      catalogChanged(); // this process's own write: PRAGMA data_version would not show it
      recordAudit(tx, { actor: options.actor, action: "host.create", target: `host:${host.id}`, details: { name: host.name } });
      return host;
    });
  } catch (error) {
    throw asDuplicateConflict(error, { table: "hosts", column: "name", field: "name", message: `a host named "${fields.name}" already exists` });
  }
}
