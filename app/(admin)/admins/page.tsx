import type { Metadata } from "next";
import { CreateAdminForm, RoleForm } from "@/components/owner/admin-forms";
import { ConfirmedActionForm } from "@/components/owner/confirmed-action-form";
import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { listAdmins } from "@/lib/admins/manage-admins";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { deleteAdminAction } from "./actions";
import { formatUtc } from "@/lib/util/format-utc";

export const metadata: Metadata = { title: "Admins" };

export default async function AdminsPage() {
  const me = await requirePermission("own");
  const admins = listAdmins(getDb());
  return (
    <div className="space-y-8">
      <PageHeader title="Admins" description="Who may sign in to this panel, and what each may do. The last owner cannot be demoted or deleted." />
      <CreateAdminForm />
      <DataTable
        caption="Admins"
        headings={["Username", "Role", "Created", "Last sign-in", ""]}
        rows={admins.map((admin) => ({
          key: admin.id,
          cells: [
            <span key="name" className="font-medium">
              {admin.username}
              {admin.id === me.id && <span className="text-zinc-500"> (you)</span>}
            </span>,
            <RoleForm key="role" adminId={admin.id} username={admin.username} role={admin.role} />,
            formatUtc(admin.createdAt, { seconds: false }),
            admin.lastLoginAt ? formatUtc(admin.lastLoginAt, { seconds: false }) : "never",
            admin.id === me.id ? null : (
              <ConfirmedActionForm
                key="delete"
                action={deleteAdminAction}
                field="adminId"
                value={String(admin.id)}
                label="Delete"
                question={`Delete the admin "${admin.username}"?`}
                details="They are signed out at their next request and cannot sign in again."
              />
            ),
          ],
        }))}
      />
    </div>
  );
}
