import { AppError } from "@/lib/errors";
import { presentState, type HostRotationState } from "@/lib/rotation/state";
import { convertOption, defineCommand } from "../command";
import { parseHostId } from "../host-id";
import { formatTable } from "../table";

export const stateCommand = defineCommand({
  name: "state",
  summary: "Show the live rotation state: current and next path, epoch, accepted paths.",
  options: {
    host: { type: "string", placeholder: "ID", description: "only this host" },
    json: { type: "boolean", description: "print the API's state shape as JSON" },
  },
  async run(values, context) {
    const hostId = convertOption(values, "host", parseHostId, "a host id");
    const store = context.store();
    let states: HostRotationState[];
    if (hostId === undefined) {
      states = (await store.list()).states.map((entry) => entry.state);
    } else {
      const entry = await store.get(hostId);
      if (!entry) throw new AppError("not_found", `host ${hostId} has no rotation state`);
      states = [entry.state];
    }
    const shown = states.map((state) => presentState(state));
    if (values.json) {
      context.out(JSON.stringify(hostId === undefined ? shown : shown[0], null, 2));
      return;
    }
    context.out(`rotation store: ${store.kind}`);
    if (shown.length === 0) {
      context.out("no host has a rotation state yet");
      return;
    }
    context.out(
      formatTable(
        ["HOST", "EPOCH", "PATH", "NEXT", "ROTATED", "NEXT ROTATION", "ACCEPTED"],
        shown.map((state) => [
          String(state.hostId),
          String(state.epoch),
          state.path,
          state.next,
          state.rotatedAt,
          state.nextRotationAt ?? "manual",
          String(state.accepted.length),
        ]),
      ),
    );
  },
});
