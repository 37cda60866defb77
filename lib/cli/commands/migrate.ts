import { defineCommand } from "../command";

export const migrateCommand = defineCommand({
  name: "migrate",
  summary: "Apply pending database migrations (every command and the server also do this first).",
  options: {},
  run(_values, context) {
    context.db();
    context.out(`database ${context.env.DATABASE_PATH} is up to date`);
  },
});
