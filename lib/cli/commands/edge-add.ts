import { createEdgeNode } from "@/lib/edge/edge-nodes";
import { defineCommand, stringOption } from "../command";

export const edgeAddCommand = defineCommand({
  name: "edge:add",
  summary: "Register an edge node and print its edge token once (only its hash is kept).",
  options: {
    name: { type: "string", placeholder: "N", required: true, field: "name", description: "the edge's name, e.g. its hostname" },
  },
  notes: "The token is printed alone on the last line: `npm run -s rotor -- edge:add --name edge-1 | tail -n1`.",
  run(values, context) {
    const created = createEdgeNode(context.db(), { name: stringOption(values, "name") }, { actor: "cli" });
    context.out(`created edge "${created.name}" (id ${created.id}); its token is shown only now:`);
    context.out(created.token);
  },
});
