import { deleteHost } from "@/lib/hosts/delete-host";
import { convertOption, defineCommand } from "../command";
import { parseHostId } from "../host-id";

export const hostDeleteCommand = defineCommand({
  name: "host:delete",
  summary: "Delete a host and its live rotation state (edges stop accepting its paths).",
  options: {
    host: { type: "string", placeholder: "ID", required: true, description: "the host's id" },
  },
  async run(values, context) {
    const hostId = convertOption(values, "host", parseHostId, "a host id")!;
    await deleteHost({ db: context.db(), store: context.store() }, hostId, { actor: "cli" });
    context.out(`deleted host ${hostId}`);
  },
});
