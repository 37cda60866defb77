import type { Metadata } from "next";
import { HostForm } from "@/components/hosts/host-form";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { newHostFormValues } from "@/lib/hosts/host-form";
import { loadSettings } from "@/lib/subscription/catalog";
import { createHostAction } from "../actions";
import { HOST_FORM_CHOICES } from "../host-form-choices";

export const metadata: Metadata = { title: "Add host" };

export default async function NewHostPage() {
  await requirePermission("manage");
  return (
    <div className="space-y-6">
      <PageHeader title="Add host" description="The host gets its first path (epoch 1) and an announced next path as soon as it is created." />
      <HostForm action={createHostAction} initial={newHostFormValues()} choices={HOST_FORM_CHOICES} updateIntervalHours={loadSettings(getDb()).updateIntervalHours} />
    </div>
  );
}
