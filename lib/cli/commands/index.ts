import type { Command } from "../command";
import { adminCreateCommand } from "./admin-create";
import { edgeAddCommand } from "./edge-add";
import { edgeAgentCommand } from "./edge-agent";
import { edgeListCommand } from "./edge-list";
import { edgeRevokeCommand } from "./edge-revoke";
import { hostAddCommand } from "./host-add";
import { hostDeleteCommand } from "./host-delete";
import { hostListCommand } from "./host-list";
import { migrateCommand } from "./migrate";
import { rotateCommand } from "./rotate";
import { stateCommand } from "./state";
import { tokenCreateCommand } from "./token-create";
import { userAddCommand } from "./user-add";
import { userListCommand } from "./user-list";

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  migrateCommand,
  adminCreateCommand,
  tokenCreateCommand,
  userAddCommand,
  userListCommand,
  hostAddCommand,
  hostListCommand,
  hostDeleteCommand,
  rotateCommand,
  stateCommand,
  edgeAddCommand,
  edgeListCommand,
  edgeRevokeCommand,
  edgeAgentCommand,
];
