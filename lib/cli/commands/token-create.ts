import { createApiToken } from "@/lib/auth/api-tokens";
import { API_SCOPES } from "@/lib/db/schema";
import { defineCommand, stringOption } from "../command";

export const tokenCreateCommand = defineCommand({
  name: "token:create",
  summary: "Create an API token for /api/v1 and print it once (only its hash is kept).",
  options: {
    name: { type: "string", placeholder: "N", required: true, field: "name", description: "who or what uses the token" },
    scopes: {
      type: "string",
      placeholder: API_SCOPES.join(","),
      field: "scopes",
      description: "comma-separated scopes (default read)",
    },
  },
  notes: "The token is printed alone on the last line: `npm run -s rotor -- token:create --name ci | tail -n1`.",
  run(values, context) {
    const scopes = stringOption(values, "scopes")
      ?.split(",")
      .map((scope) => scope.trim())
      .filter(Boolean);
    const created = createApiToken(context.db(), { name: stringOption(values, "name"), scopes }, { actor: "cli" });
    context.out(`created API token "${created.name}" (id ${created.id}, scopes ${created.scopes.join(",")}); it is shown only now:`);
    context.out(created.token);
  },
});
