import { USER_STATUSES, type UserStatus } from "@/lib/db/schema";
import { listUsers } from "@/lib/users/list-users";
import { presentUser } from "@/lib/users/present-user";
import { formatDuration, formatSize } from "@/lib/util/units";
import { convertOption, defineCommand, stringOption } from "../command";
import { cliBaseUrl } from "../base-url";
import { formatTable } from "../table";

export const userListCommand = defineCommand({
  name: "user:list",
  summary: "List users.",
  options: {
    search: { type: "string", placeholder: "TEXT", description: "only usernames containing TEXT" },
    status: { type: "string", placeholder: USER_STATUSES.join("|"), description: "only users with this stored status" },
    limit: { type: "string", placeholder: "N", description: "at most N users (default 100)" },
    offset: { type: "string", placeholder: "N", description: "skip the first N users" },
    json: { type: "boolean", description: "print the users as JSON (the API's user shape)" },
  },
  run(values, context) {
    const count = (text: string) => (/^\d+$/.test(text) ? Number(text) : undefined);
    const rows = listUsers(context.db(), {
      search: stringOption(values, "search"),
      status: convertOption(values, "status", (text) => USER_STATUSES.find((status): status is UserStatus => status === text), USER_STATUSES.join(", ")),
      limit: convertOption(values, "limit", count, "a whole number"),
      offset: convertOption(values, "offset", count, "a whole number"),
    });
    if (rows.length === 0) {
      context.out(values.json ? "[]" : "no users");
      return;
    }
    const baseUrl = cliBaseUrl(context);
    const users = rows.map((row) => presentUser(row, baseUrl));
    if (values.json) {
      context.out(JSON.stringify(users, null, 2));
      return;
    }
    context.out(
      formatTable(
        ["ID", "USERNAME", "STATUS", "USED / LIMIT", "RESET", "EXPIRES", "SUBSCRIPTION URL"],
        users.map((user) => [
          String(user.id),
          user.username,
          user.status,
          `${formatSize(user.usedBytes)} / ${user.dataLimitBytes === null ? "∞" : formatSize(user.dataLimitBytes)}`,
          user.resetStrategy,
          // An on-hold user's expiry starts at their first connection.
          user.onHoldSeconds !== null ? `${formatDuration(user.onHoldSeconds)} from first use` : (user.expiresAt?.slice(0, 10) ?? "never"),
          user.subscriptionUrl,
        ]),
      ),
    );
  },
});
