import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AddUaRuleForm } from "@/components/settings/add-ua-rule-form";
import { SettingsForm } from "@/components/settings/settings-form";
import { UaRulesTable } from "@/components/settings/ua-rules-table";
import { UaTester } from "@/components/settings/ua-tester";
import { can } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { previewSettings } from "@/lib/settings/preview-settings";
import { listUaRules } from "@/lib/settings/ua-rules";
import { loadCatalog } from "@/lib/subscription/catalog";
import {
  createUaRuleAction,
  deleteUaRuleAction,
  moveUaRuleAction,
  previewSettingsAction,
  saveSettingsAction,
  testUserAgentAction,
  updateUaRuleAction,
} from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const admin = await requirePermission("view");
  const canManage = can(admin.role, "manage");
  const db = getDb();
  const { settings, hosts } = loadCatalog(db);
  const rules = listUaRules(db);
  return (
    <div className="space-y-10">
      <PageHeader title="Settings" description="What every subscription response carries, and which format each client gets." />

      <section aria-labelledby="subscription-heading" className="space-y-4">
        <h2 id="subscription-heading" className="text-lg font-medium">
          Subscription
        </h2>
        <SettingsForm
          initial={{
            profileTitle: settings.profileTitle,
            supportUrl: settings.supportUrl,
            updateIntervalHours: String(settings.updateIntervalHours),
            announce: settings.announce,
            remarkTemplate: settings.remarkTemplate,
          }}
          version={settings.version}
          initialPreview={previewSettings(settings)}
          hosts={hosts.map((host) => ({ name: host.name, graceSeconds: host.graceSeconds }))}
          canManage={canManage}
          save={saveSettingsAction}
          preview={previewSettingsAction}
        />
      </section>

      <section aria-labelledby="rules-heading" className="space-y-4">
        <div>
          <h2 id="rules-heading" className="text-lg font-medium">
            User-Agent rules
          </h2>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">
            A client that asks for no format gets the format of the first rule its User-Agent starts with (ignoring case). No match: browsers get the subscription page,
            everything else base64. <code>?format=</code> and <code>/sub/&lt;token&gt;/&lt;format&gt;</code> override the rules.
          </p>
        </div>
        <div className="grid gap-6 lg:grid-cols-2">
          {canManage && <AddUaRuleForm create={createUaRuleAction} />}
          <UaTester test={testUserAgentAction} />
        </div>
        <UaRulesTable rules={rules} canManage={canManage} actions={{ update: updateUaRuleAction, remove: deleteUaRuleAction, move: moveUaRuleAction }} />
      </section>
    </div>
  );
}
