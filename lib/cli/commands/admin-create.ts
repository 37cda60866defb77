import { createAdmin } from "@/lib/admins/create-admin";
import { ADMIN_ROLES } from "@/lib/db/schema";
import { defineCommand, stringOption, UsageError, type CliContext, type OptionValues } from "../command";

export const adminCreateCommand = defineCommand({
  name: "admin:create",
  summary: "Create an admin who can sign in to the panel.",
  options: {
    username: { type: "string", placeholder: "U", required: true, field: "username", description: "sign-in name" },
    role: {
      type: "string",
      placeholder: ADMIN_ROLES.join("|"),
      field: "role",
      description: "owner manages admins and tokens; viewer is read-only (default admin)",
    },
    "password-stdin": { type: "boolean", field: "password", description: "read the password from standard input" },
  },
  notes: "Without --password-stdin the password is asked for on the terminal.",
  async run(values, context) {
    const password = await readPassword(values, context);
    const admin = await createAdmin(
      context.db(),
      { username: stringOption(values, "username") ?? "", password, role: stringOption(values, "role") },
      { actor: "cli" },
    );
    context.out(`created ${admin.role} "${admin.username}" (id ${admin.id})`);
  },
});

async function readPassword(values: OptionValues, context: CliContext): Promise<string> {
  if (values["password-stdin"]) {
    // One trailing newline belongs to `echo`, not to the password.
    return (await context.readStdin()).replace(/\r?\n$/, "");
  }
  const first = await context.promptSecret("Password: ");
  if (first === undefined) throw new UsageError("no terminal to ask for a password: pass --password-stdin");
  const again = await context.promptSecret("Repeat password: ");
  if (first !== again) throw new UsageError("the passwords do not match");
  return first;
}
