import { rotateHost } from "@/lib/rotation/rotator";
import { convertOption, defineCommand } from "../command";
import { parseHostId } from "../host-id";

export const rotateCommand = defineCommand({
  name: "rotate",
  summary: "Rotate a host's path now: its announced next path becomes current.",
  options: {
    host: { type: "string", placeholder: "ID", required: true, description: "the host's id (host:add prints it)" },
  },
  notes: "Refused while the next path is younger than the host's announce time (default 10 s).",
  async run(values, context) {
    const hostId = convertOption(values, "host", parseHostId, "a host id")!;
    const { state } = await rotateHost(
      { db: context.db(), store: context.store() },
      { hostId, reason: "manual", actor: "cli" },
    );
    context.out(`host ${hostId} rotated to epoch ${state.epoch}: ${state.lastRotation.fromPath} → ${state.path}`);
    context.out(`next path announced to edges: ${state.next}`);
  },
});
