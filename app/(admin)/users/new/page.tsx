import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/page-header";
import { UserForm } from "@/components/users/user-form";
import { requirePermission } from "@/lib/auth/session";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  await requirePermission("manage");
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/users" className="text-indigo-700 hover:underline dark:text-indigo-300">
          ← Users
        </Link>
      </nav>
      <PageHeader title="New user" description="The user gets a VLESS id and a subscription URL at once." />
      <UserForm action={createUserAction} initial={{ username: "", dataLimitBytes: "", resetStrategy: "none", expiresAt: "", onHoldSeconds: "", note: "" }} />
    </div>
  );
}
