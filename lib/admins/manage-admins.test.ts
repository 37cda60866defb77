import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyAdminCredentials } from "@/lib/auth/verify-admin";
import { auditLog } from "@/lib/db/schema";
import { refusalOf } from "@/test/support/refusal";
import { createTempDb, type TempDb } from "@/test/support/temp-db";
import { createAdmin } from "./create-admin";
import { changeAdminRole, changeOwnPassword, deleteAdmin, listAdmins } from "./manage-admins";

let temp: TempDb;
let owner: { id: number };
beforeEach(async () => {
  temp = createTempDb();
  owner = await createAdmin(temp.db, { username: "root", password: "root-password", role: "owner" }, { actor: "cli" });
});
afterEach(() => temp.close());

const codeOf = async (run: () => unknown) => {
  try {
    return (await refusalOf(run)).code;
  } catch {
    return "no error";
  }
};

describe("admin management", () => {
  it("never demotes or deletes the last owner, nor lets an admin delete themselves", async () => {
    expect(await codeOf(() => changeAdminRole(temp.db, { adminId: owner.id, role: "admin" }, { actor: "admin:root" }))).toBe("conflict");
    expect(await codeOf(() => deleteAdmin(temp.db, { adminId: owner.id }, { actor: "admin:root", actorAdminId: owner.id }))).toBe("conflict");
    const second = await createAdmin(temp.db, { username: "second", password: "second-password", role: "owner" }, { actor: "cli" });
    expect(await codeOf(() => deleteAdmin(temp.db, { adminId: owner.id }, { actor: "admin:second", actorAdminId: second.id }))).toBe("no error");
    expect(await codeOf(() => changeAdminRole(temp.db, { adminId: second.id, role: "viewer" }, { actor: "admin:second" }))).toBe("conflict");
  });

  it("changes a role and audits it; unknown ids are 404", async () => {
    const helper = await createAdmin(temp.db, { username: "helper", password: "helper-password", role: "admin" }, { actor: "cli" });
    changeAdminRole(temp.db, { adminId: String(helper.id), role: "viewer" }, { actor: "admin:root" });
    expect(listAdmins(temp.db).find((admin) => admin.id === helper.id)?.role).toBe("viewer");
    expect(temp.db.select().from(auditLog).all().at(-1)).toMatchObject({ action: "admin.role", actor: "admin:root", details: { from: "admin", to: "viewer" } });
    expect(await codeOf(() => changeAdminRole(temp.db, { adminId: 999, role: "viewer" }, { actor: "admin:root" }))).toBe("not_found");
    expect(await codeOf(() => changeAdminRole(temp.db, { adminId: helper.id, role: "god" }, { actor: "admin:root" }))).toBe("invalid_request");
  });

  it("changes one's own password only with the current one", async () => {
    const input = (fields: Record<string, string>) => ({ currentPassword: "root-password", newPassword: "brand-new-password", confirmPassword: "brand-new-password", ...fields });
    expect(await codeOf(() => changeOwnPassword(temp.db, owner.id, input({ currentPassword: "wrong" }), { actor: "admin:root" }))).toBe("invalid_request");
    expect(await codeOf(() => changeOwnPassword(temp.db, owner.id, input({ confirmPassword: "other-password" }), { actor: "admin:root" }))).toBe("invalid_request");
    expect(await codeOf(() => changeOwnPassword(temp.db, owner.id, input({ newPassword: "short", confirmPassword: "short" }), { actor: "admin:root" }))).toBe("invalid_request");
    await changeOwnPassword(temp.db, owner.id, input({}), { actor: "admin:root" });
    expect(await verifyAdminCredentials(temp.db, "root", "brand-new-password")).toMatchObject({ username: "root" });
    expect(await verifyAdminCredentials(temp.db, "root", "root-password")).toBeNull();
  });
});
