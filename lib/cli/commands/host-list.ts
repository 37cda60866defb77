import { asc } from "drizzle-orm";
import { hosts } from "@/lib/db/schema";
import { formatDuration } from "@/lib/util/units";
import { defineCommand } from "../command";
import { formatTable } from "../table";

export const hostListCommand = defineCommand({
  name: "host:list",
  summary: "List hosts with their live epoch and current path.",
  options: {},
  async run(_values, context) {
    const rows = context.db().select().from(hosts).orderBy(asc(hosts.sortOrder), asc(hosts.id)).all();
    if (rows.length === 0) {
      context.out("no hosts");
      return;
    }
    const states = new Map((await context.store().list()).states.map((entry) => [entry.state.hostId, entry.state]));
    context.out(
      formatTable(
        ["ID", "NAME", "ENDPOINT", "TRANSPORT", "ROTATION", "GRACE", "EPOCH", "PATH", "STATE"],
        rows.map((host) => [
          String(host.id),
          host.name,
          `${host.address}:${host.port}`,
          `${host.transport}+${host.security}`,
          host.rotationIntervalSeconds === 0 ? "manual" : formatDuration(host.rotationIntervalSeconds),
          formatDuration(host.graceSeconds),
          String(states.get(host.id)?.epoch ?? "-"),
          states.get(host.id)?.path ?? "(none yet)",
          host.enabled ? "enabled" : "disabled",
        ]),
      ),
    );
  },
});
