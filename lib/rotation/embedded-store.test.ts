import { createTempDb } from "@/test/support/temp-db";
import { EmbeddedRotationStore } from "./embedded-store";
import { describeRotationStoreContract } from "./store-contract";

describeRotationStoreContract("embedded (SQLite)", async () => {
  const temp = createTempDb();
  const store = new EmbeddedRotationStore(temp.db, { pollMs: 20 });
  return {
    store,
    dispose: async () => {
      await store.close();
      temp.close();
    },
  };
});
