import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/copy-button";
import { PageHeader } from "@/components/page-header";
import { FetchesTable } from "@/components/users/fetches-table";
import { formatDay, RelativeTime } from "@/components/users/relative-time";
import { OnHoldBadge, StatusBadge } from "@/components/users/status-badge";
import { TrafficUsage } from "@/components/users/traffic-usage";
import { UserCommands } from "@/components/users/user-commands";
import { UserForm } from "@/components/users/user-form";
import { can } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { SUBSCRIPTION_FORMATS } from "@/lib/subscription/types";
import { findUser, listUserFetches } from "@/lib/users/get-user";
import { panelBaseUrl } from "@/lib/users/panel-base-url";
import { effectiveStatus } from "@/lib/users/present-user";
import { subscriptionQrSvg } from "@/lib/users/subscription-qr";
import { subscriptionUrl } from "@/lib/users/subscription-url";
import { nextPeriodStart } from "@/lib/usage/reset-period";
import { dateFieldText, durationFieldText, sizeFieldText } from "@/lib/users/user-form";
import { formatDuration, formatSize } from "@/lib/util/units";
import { formatUtc } from "@/lib/util/format-utc";
import { updateUserAction, userCommandAction } from "../actions";

interface Props {
  params: Promise<{ id: string }>;
}

// The page shows a subscription token: keep it out of referrers.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = findUser(getDb(), (await params).id);
  return { title: user?.username ?? "User", referrer: "no-referrer" };
}

const RESET_LABELS = { none: "never", daily: "daily", weekly: "weekly (Monday)", monthly: "monthly (the 1st)" } as const;

const CARD = "rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900";
const LINK = "text-indigo-700 hover:underline dark:text-indigo-300";

export default async function UserPage({ params }: Props) {
  const admin = await requirePermission("view");
  const db = getDb();
  const user = findUser(db, (await params).id);
  if (!user) notFound();
  const canManage = can(admin.role, "manage");
  const now = new Date();
  const url = subscriptionUrl(panelBaseUrl(await headers()), user.subscriptionToken);
  const qrSvg = await subscriptionQrSvg(url);
  const fetches = listUserFetches(db, user.id);
  const nextReset = nextPeriodStart(user.resetStrategy, now);

  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/users" className={LINK}>
          ← Users
        </Link>
      </nav>
      <PageHeader
        title={user.username}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={effectiveStatus(user, now)} />
            {user.onHoldSeconds !== null && user.expiresAt === null && <OnHoldBadge />}
            <span>Created {formatDay(user.createdAt)}</span>
            <span className="font-mono text-xs">VLESS id {user.uuid}</span>
          </span>
        }
        actions={canManage && <UserCommands action={userCommandAction} userId={user.id} username={user.username} enabled={user.status === "active"} />}
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="subscription-heading" className={`${CARD} space-y-4`}>
          <h2 id="subscription-heading" className="text-lg font-medium">
            Subscription
          </h2>
          <div className="space-y-1">
            <label htmlFor="subscription-url" className="block text-sm font-medium">
              Subscription URL
            </label>
            <div className="flex items-center gap-2">
              <input id="subscription-url" readOnly value={url} className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950" />
              <CopyButton text={url} />
            </div>
          </div>
          <div className="flex flex-wrap items-start gap-5">
            <figure className="w-52 shrink-0 rounded-lg bg-white p-2 ring-1 ring-zinc-200 dark:ring-zinc-700">
              {/* The SVG comes from the qrcode package for a URL this page built: no user markup. */}
              <div role="img" aria-label="QR code of the subscription URL" dangerouslySetInnerHTML={{ __html: qrSvg }} />
            </figure>
            <div className="space-y-3 text-sm">
              <p className="flex flex-wrap gap-3">
                <a href={`/users/${user.id}/qr?format=png`} download className={LINK}>
                  Download QR as PNG
                </a>
                <a href={`/users/${user.id}/qr?format=svg`} download className={LINK}>
                  Download QR as SVG
                </a>
              </p>
              <div>
                <h3 className="font-medium">One format</h3>
                <ul aria-label="Subscription formats" className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
                  {SUBSCRIPTION_FORMATS.map((format) => (
                    <li key={format}>
                      <a href={`${url}/${format}`} target="_blank" rel="noreferrer" className={`${LINK} font-mono text-xs`}>
                        {format}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </div>
        </section>

        <section aria-labelledby="usage-heading" className={`${CARD} space-y-4`}>
          <h2 id="usage-heading" className="text-lg font-medium">
            Usage
          </h2>
          <dl className="space-y-4 text-sm">
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Traffic</dt>
              <dd>
                <TrafficUsage uploadBytes={user.uploadBytes} downloadBytes={user.downloadBytes} dataLimitBytes={user.dataLimitBytes} />
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Lifetime traffic</dt>
              <dd className="font-medium tabular-nums">{formatSize(user.lifetimeBytes)}</dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Traffic reset</dt>
              <dd className="font-medium">
                {RESET_LABELS[user.resetStrategy]}
                {nextReset && (
                  <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
                    next at <time dateTime={nextReset.toISOString()}>{formatUtc(nextReset, { seconds: false })}</time>
                  </span>
                )}
                {user.trafficResetAt && (
                  <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
                    last <RelativeTime date={user.trafficResetAt} now={now} />
                  </span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Expires</dt>
              <dd className="font-medium">
                {user.expiresAt ? (
                  <>
                    {formatDay(user.expiresAt)} (<RelativeTime date={user.expiresAt} now={now} />)
                  </>
                ) : user.onHoldSeconds !== null ? (
                  `on hold: ${formatDuration(user.onHoldSeconds)} from the first connection`
                ) : (
                  "never"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Last online</dt>
              <dd className="font-medium">{user.onlineAt ? <RelativeTime date={user.onlineAt} now={now} /> : "never"}</dd>
            </div>
            <div>
              <dt className="text-zinc-500 dark:text-zinc-400">Last fetch</dt>
              <dd className="font-medium">{user.lastFetchAt ? <RelativeTime date={user.lastFetchAt} now={now} /> : "never"}</dd>
            </div>
            {!canManage && (
              <div>
                <dt className="text-zinc-500 dark:text-zinc-400">Note</dt>
                <dd className="whitespace-pre-wrap">{user.note || "—"}</dd>
              </div>
            )}
          </dl>
        </section>
      </div>

      {canManage && (
        <section aria-labelledby="edit-heading" className={`${CARD} space-y-4`}>
          <h2 id="edit-heading" className="text-lg font-medium">
            Edit
          </h2>
          <UserForm
            action={updateUserAction}
            userId={user.id}
            initial={{
              username: user.username,
              dataLimitBytes: sizeFieldText(user.dataLimitBytes),
              resetStrategy: user.resetStrategy,
              expiresAt: dateFieldText(user.expiresAt),
              onHoldSeconds: durationFieldText(user.onHoldSeconds),
              note: user.note,
            }}
          />
        </section>
      )}

      <section aria-labelledby="fetches-heading" className="space-y-3">
        <h2 id="fetches-heading" className="text-lg font-medium">
          Recent fetches
        </h2>
        <FetchesTable fetches={fetches} now={now} />
      </section>
    </div>
  );
}
