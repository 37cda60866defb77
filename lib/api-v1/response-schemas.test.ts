import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { hostJsonSchema } from "@/lib/hosts/api-schema";
import { createHost } from "@/lib/hosts/create-host";
import { presentHost } from "@/lib/hosts/present-host";
import { userJsonSchema } from "@/lib/users/api-schema";
import { createUser } from "@/lib/users/create-user";
import { presentUser } from "@/lib/users/present-user";
import { createTempDb } from "@/test/support/temp-db";

/** `value` matches `schema` and has exactly its keys: the document and the presenter agree. */
function expectDocumented(schema: z.ZodObject, value: Record<string, unknown>) {
  expect(schema.safeParse(value).error).toBeUndefined();
  expect(Object.keys(value).sort()).toEqual(Object.keys(schema.shape).sort());
}

describe("documented response schemas", () => {
  it("describe exactly what presentUser and presentHost write", () => {
    const temp = createTempDb();
    try {
      const user = createUser(temp.db, { username: "doc-user", dataLimitBytes: 10, expiresAt: new Date("2030-01-01T00:00:00Z"), note: "n" }, { actor: "test" });
      expectDocumented(userJsonSchema, { ...presentUser(user, "https://panel.example") });
      const plain = createUser(temp.db, { username: "doc-plain" }, { actor: "test" });
      expectDocumented(userJsonSchema, { ...presentUser(plain, "https://panel.example") });
      const host = createHost(temp.db, { name: "doc-host", address: "edge.example.com", port: 443, transport: "grpc", security: "reality", realityPublicKey: "a".repeat(43) }, { actor: "test" });
      expectDocumented(hostJsonSchema, { ...presentHost(host) });
    } finally {
      temp.close();
    }
  });
});
