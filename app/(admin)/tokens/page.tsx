import type { Metadata } from "next";
import { CreateApiTokenForm } from "@/components/owner/create-api-token-form";
import { DataTable } from "@/components/data-table";
import { ConfirmedActionForm } from "@/components/owner/confirmed-action-form";
import { PageHeader } from "@/components/page-header";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { revokeApiTokenAction } from "./actions";
import { formatUtc } from "@/lib/util/format-utc";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  await requirePermission("own");
  const tokens = listApiTokens(getDb());
  return (
    <div className="space-y-8">
      <PageHeader title="API tokens" description="Bearer tokens for /api/v1. Only a hash is stored: a token is shown once, when it is created." />
      <CreateApiTokenForm />
      <DataTable
        caption="API tokens"
        headings={["Name", "Scopes", "Created", "Last used", "State", ""]}
        rows={tokens.map((token) => ({
          key: token.id,
          cells: [
            <span key="name" className="font-medium">{token.name}</span>,
            <span key="scopes" className="font-mono text-xs">{token.scopes.join(", ")}</span>,
            formatUtc(token.createdAt, { seconds: false }),
            token.lastUsedAt ? formatUtc(token.lastUsedAt, { seconds: false }) : "never",
            token.revokedAt ? `revoked ${formatUtc(token.revokedAt, { seconds: false })}` : "live",
            token.revokedAt ? null : (
              <ConfirmedActionForm
                key="revoke"
                action={revokeApiTokenAction}
                field="tokenId"
                value={String(token.id)}
                label="Revoke"
                question={`Revoke the API token "${token.name}"?`}
                details="Requests with it are refused from now on. This cannot be undone."
              />
            ),
          ],
        }))}
      />
    </div>
  );
}
