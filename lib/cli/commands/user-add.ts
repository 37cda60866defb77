import { createUser } from "@/lib/users/create-user";
import { subscriptionUrl } from "@/lib/users/subscription-url";
import { parseDuration, parseExpiry, parseSize } from "@/lib/util/units";
import { convertOption, defineCommand, stringOption } from "../command";
import { cliBaseUrl } from "../base-url";

export const userAddCommand = defineCommand({
  name: "user:add",
  summary: "Create a user and print their subscription URL.",
  options: {
    username: { type: "string", placeholder: "U", required: true, field: "username", description: "unique name, 3-32 characters" },
    "data-limit": { type: "string", placeholder: "SIZE", field: "dataLimitBytes", description: "traffic limit: 50GB, 500MiB, ... (default unlimited)" },
    expires: { type: "string", placeholder: "DATE", field: "expiresAt", description: "2026-12-31 (end of that day, UTC) or an ISO 8601 date-time" },
    note: { type: "string", placeholder: "TEXT", field: "note", description: "free text for admins" },
    "reset-strategy": { type: "string", placeholder: "S", field: "resetStrategy", description: "when used traffic goes back to 0 (UTC): none (default), daily, weekly, monthly" },
    "on-hold": { type: "string", placeholder: "DURATION", field: "onHoldSeconds", description: "expiry starts at the first connection and lasts this long: 30d, 12h, ... (not with --expires)" },
  },
  notes: "The subscription URL is printed alone on the last line.",
  run(values, context) {
    const user = createUser(
      context.db(),
      {
        username: stringOption(values, "username"),
        dataLimitBytes: convertOption(values, "data-limit", parseSize, "a size like 50GB or 500MiB") ?? null,
        expiresAt: convertOption(values, "expires", parseExpiry, "a date like 2026-12-31") ?? null,
        note: stringOption(values, "note"),
        resetStrategy: stringOption(values, "reset-strategy"),
        onHoldSeconds: convertOption(values, "on-hold", parseDuration, "a duration like 30d or 12h") ?? null,
      },
      { actor: "cli" },
    );
    context.out(`created user "${user.username}" (id ${user.id}, uuid ${user.uuid})`);
    context.out(subscriptionUrl(cliBaseUrl(context), user.subscriptionToken));
  },
});
