import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { CopyButton } from "@/components/copy-button";
import { getEnv } from "@/lib/env";
import { loadSubscriptionPage } from "@/lib/subscription/page-data";
import { formatDuration, formatSize } from "@/lib/util/units";

// The token is in the URL: never send it onward as a referrer, never index the page.
export const metadata: Metadata = { title: "Your subscription", referrer: "no-referrer", robots: { index: false, follow: false } };

const STATUS_TEXT = {
  active: { label: "Active", detail: "Your subscription works. Import it into an app below.", tone: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300" },
  disabled: { label: "Disabled", detail: "This subscription is disabled. Contact support.", tone: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200" },
  expired: { label: "Expired", detail: "This subscription has expired. Renew it to connect again.", tone: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300" },
  limited: { label: "Traffic used up", detail: "This subscription has used all of its traffic. Top it up to connect again.", tone: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300" },
} as const;

const GUIDES = [
  { platform: "Android", steps: "Install Hiddify or v2rayNG, tap its button above (or copy the link and choose “Import from clipboard”), then connect." },
  { platform: "iPhone and iPad", steps: "Install Hiddify, Streisand or Happ from the App Store, tap its button above, then allow the VPN profile when asked." },
  { platform: "Windows and macOS", steps: "Install Hiddify (or v2rayN on Windows), copy the link, add it as a new subscription, update it, then connect." },
  { platform: "Linux", steps: "Use Hiddify or a Clash Meta (mihomo) client: add the link as a subscription or profile URL." },
];

export default async function SubscriptionPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const requestHeaders = await headers();
  const baseUrl = getEnv().PUBLIC_URL ?? `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host")}`;
  const page = await loadSubscriptionPage(token, baseUrl);
  if (!page) notFound();
  const status = STATUS_TEXT[page.status];
  const usedShare = page.dataLimitBytes ? Math.min(100, Math.round((page.usedBytes / page.dataLimitBytes) * 100)) : null;

  return (
    <main className="mx-auto max-w-2xl space-y-8 px-4 py-10">
      <header>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{page.title}</p>
        <h1 className="text-2xl font-semibold tracking-tight">Subscription of {page.username}</h1>
      </header>

      {page.announce && <p className="rounded-lg bg-indigo-50 p-4 text-sm text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200">{page.announce}</p>}

      <section aria-labelledby="status-heading" className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="status-heading" className="sr-only">Status</h2>
        <span className={`inline-block rounded-full px-3 py-1 text-sm font-medium ${status.tone}`}>{status.label}</span>
        <p className="mt-2 text-sm">{status.detail}</p>
        <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Traffic</dt>
            <dd className="font-medium tabular-nums">
              {formatSize(page.usedBytes)} of {page.dataLimitBytes === null ? "unlimited" : formatSize(page.dataLimitBytes)}
            </dd>
            {usedShare !== null && (
              <div role="progressbar" aria-label="Traffic used" aria-valuenow={usedShare} aria-valuemin={0} aria-valuemax={100} className="mt-2 h-2 rounded-full bg-zinc-200 dark:bg-zinc-800">
                <div className="h-2 rounded-full bg-indigo-600" style={{ width: `${usedShare}%` }} />
              </div>
            )}
          </div>
          <div>
            <dt className="text-zinc-500 dark:text-zinc-400">Expires</dt>
            <dd className="font-medium">
              {page.expiresAt
                ? page.expiresAt.toISOString().slice(0, 10)
                : page.onHoldSeconds !== null
                  ? `${formatDuration(page.onHoldSeconds)} after your first connection`
                  : "never"}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="link-heading" className="space-y-4">
        <h2 id="link-heading" className="text-lg font-medium">Your subscription link</h2>
        <div className="flex items-center gap-2">
          <input readOnly value={page.url} aria-label="Subscription link" className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950" />
          <CopyButton text={page.url} />
        </div>
        <figure className="mx-auto w-56 rounded-lg bg-white p-3">
          {/* The SVG comes from the qrcode package for a URL this page built: no user markup. */}
          <div role="img" aria-label="QR code of the subscription link" dangerouslySetInnerHTML={{ __html: page.qrSvg }} />
        </figure>
      </section>

      <section aria-labelledby="apps-heading" className="space-y-3">
        <h2 id="apps-heading" className="text-lg font-medium">Add it to an app</h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {page.imports.map((link) => (
            <li key={link.app}>
              <a href={link.href} className="block rounded-lg border border-zinc-200 p-3 hover:border-indigo-500 dark:border-zinc-800">
                <span className="font-medium">Open in {link.app}</span>
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{link.platforms}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="guides-heading" className="space-y-3">
        <h2 id="guides-heading" className="text-lg font-medium">How to connect</h2>
        {GUIDES.map((guide) => (
          <details key={guide.platform} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <summary className="cursor-pointer font-medium">{guide.platform}</summary>
            <p className="mt-2 text-sm">{guide.steps}</p>
          </details>
        ))}
        {page.supportUrl && (
          <p className="text-sm">
            Need help? <a href={page.supportUrl} className="text-indigo-600 underline dark:text-indigo-400">Contact support</a>.
          </p>
        )}
      </section>
    </main>
  );
}
