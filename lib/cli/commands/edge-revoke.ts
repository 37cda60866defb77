import { revokeEdgeNode } from "@/lib/edge/edge-nodes";
import { defineCommand, stringOption } from "../command";

export const edgeRevokeCommand = defineCommand({
  name: "edge:revoke",
  summary: "Revoke an edge node's token: its next request is refused (401) and its agent stops.",
  options: {
    name: { type: "string", placeholder: "N", required: true, field: "name", description: "the live edge's name" },
  },
  run(values, context) {
    const revoked = revokeEdgeNode(context.db(), { name: stringOption(values, "name") }, { actor: "cli" });
    context.out(`revoked edge "${revoked.name}" (id ${revoked.id})`);
  },
});
