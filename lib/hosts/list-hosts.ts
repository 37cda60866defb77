import "server-only";
import { asc } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts } from "@/lib/db/schema";
import type { Host } from "./get-host";

/** Every host in the order subscriptions list them (sortOrder, then creation). */
export function listHosts(db: Db): Host[] {
  return db.select().from(hosts).orderBy(asc(hosts.sortOrder), asc(hosts.id)).all();
}
