import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/button-class";
import { HostsTable } from "@/components/hosts/hosts-table";
import { PageHeader } from "@/components/page-header";
import { can } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listHosts } from "@/lib/hosts/list-hosts";
import { getRotationEngine } from "@/lib/rotation/server-engine";
import { rotateHostAction } from "./actions";

export const metadata: Metadata = { title: "Hosts" };

export default async function HostsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const admin = await requirePermission("view");
  const manage = can(admin.role, "manage");
  const hosts = listHosts(getDb());
  const engine = await getRotationEngine();
  const states = new Map(engine.snapshot.all().map((state) => [state.hostId, state]));
  const { deleted } = await searchParams;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Hosts"
        description="Entry points clients connect to. Each host's path rotates on its schedule or on demand; edges accept the current, the announced next and recently retired paths."
        actions={
          manage && (
            <Link href="/hosts/new" className={buttonClass("primary")}>
              Add host
            </Link>
          )
        }
      />
      {deleted === "1" && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
          Host deleted. Edges no longer accept its paths.
        </p>
      )}
      {hosts.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">No hosts yet.{manage && " Add the first one to start handing out paths."}</p>
      ) : (
        <HostsTable hosts={hosts} states={states} rotateAction={manage ? rotateHostAction : undefined} />
      )}
    </div>
  );
}
