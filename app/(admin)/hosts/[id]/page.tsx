import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteHostButton } from "@/components/hosts/delete-host-button";
import { HostEnabledButton } from "@/components/hosts/host-enabled-button";
import { HostForm } from "@/components/hosts/host-form";
import { HostStateCard } from "@/components/hosts/host-state-card";
import { RotateHostButton } from "@/components/hosts/rotate-host-button";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getHost, type Host } from "@/lib/hosts/get-host";
import { hostFormValues } from "@/lib/hosts/host-form";
import { hostIdParamsSchema } from "@/lib/hosts/host-id-params";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { loadSettings } from "@/lib/subscription/catalog";
import { deleteHostAction, rotateHostAction, setHostEnabledAction, updateHostAction } from "../actions";
import { HOST_FORM_CHOICES } from "../host-form-choices";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

function findHost(params: { id: string }): Host {
  const parsed = hostIdParamsSchema.safeParse(params);
  if (!parsed.success) notFound();
  try {
    return getHost(getDb(), parsed.data.id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: findHost(await params).name };
}

export default async function HostPage({ params, searchParams }: Props) {
  const admin = await requirePermission("view");
  const manage = can(admin.role, "manage");
  const host = findHost(await params);
  const { created } = await searchParams;
  const state = (await getRotationEngine()).snapshot.get(host.id);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href="/hosts" className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← Hosts
        </Link>
      </p>
      <PageHeader
        title={host.name}
        description={`${host.address}:${host.port} · ${host.transport} + ${host.security} · ${host.enabled ? "enabled" : "disabled"}`}
        actions={
          manage && (
            <>
              <RotateHostButton action={rotateHostAction} hostId={host.id} hostName={host.name} current={state?.path} next={state?.next} />
              <HostEnabledButton action={setHostEnabledAction} hostId={host.id} enabled={host.enabled} />
              <DeleteHostButton action={deleteHostAction} hostId={host.id} hostName={host.name} />
            </>
          )
        }
      />
      {created === "1" && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
          Host created{state ? ` with its first path (epoch ${state.epoch}).` : "."}
        </p>
      )}
      <section aria-labelledby="state-heading" className="space-y-3">
        <h2 id="state-heading" className="text-lg font-medium">
          Live rotation state
        </h2>
        <HostStateCard hostId={host.id} state={state} now={new Date()} />
      </section>
      <section aria-labelledby="settings-heading" className="space-y-3">
        <h2 id="settings-heading" className="text-lg font-medium">
          Settings
        </h2>
        <HostForm
          action={updateHostAction}
          initial={hostFormValues(host)}
          hostId={host.id}
          choices={HOST_FORM_CHOICES}
          updateIntervalHours={loadSettings(getDb()).updateIntervalHours}
          readOnly={!manage}
        />
      </section>
    </div>
  );
}
