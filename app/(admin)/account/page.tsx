import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/owner/change-password-form";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const admin = await requireAdmin();
  return (
    <div className="space-y-8">
      <PageHeader title="Your account" description={`Signed in as ${admin.name} (${admin.role}).`} />
      <section aria-labelledby="password-heading" className="space-y-4">
        <h2 id="password-heading" className="text-lg font-medium">
          Change password
        </h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
