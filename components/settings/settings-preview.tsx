import type { ActionState } from "@/lib/admin/admin-action";
import type { SettingsPreview } from "@/lib/settings/preview-settings";

/** `base64:…` header values with their text beside them, so admins can read what they encode. */
function decoded(value: string): string | null {
  if (!value.startsWith("base64:")) return null;
  const bytes = Uint8Array.from(atob(value.slice("base64:".length)), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** What a client would receive with the settings as typed. */
export function SettingsPreviewPanel({ result, pending }: { result: ActionState & { preview?: SettingsPreview }; pending: boolean }) {
  const problems = Object.entries(result.fieldErrors ?? {});
  return (
    <section aria-labelledby="preview-heading" aria-busy={pending} className="min-w-0 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h3 id="preview-heading" className="font-medium">
        Preview
      </h3>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">The headers /sub sends with these values, besides each user&apos;s traffic, expiry and ETag.</p>
      {result.preview && problems.length === 0 ? (
        <div aria-live="polite">
          <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
            For host “{result.preview.sample.host}” ({result.preview.sample.transport}) and user “{result.preview.sample.username}”:
          </p>
          <p className="mt-1 text-sm">
            Server name: <strong data-testid="remark-preview">{result.preview.remark}</strong>
          </p>
          <dl aria-label="Response headers" className="mt-3 space-y-2 font-mono text-xs">
            {result.preview.headers.map(([name, value]) => (
              <div key={name} className="min-w-0">
                <dt className="font-semibold text-zinc-700 dark:text-zinc-200">{name}:</dt>
                <dd className="break-all text-zinc-600 dark:text-zinc-300">
                  {value}
                  {decoded(value) !== null && <span className="block font-sans text-zinc-500 dark:text-zinc-400">= “{decoded(value)}”</span>}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ) : (
        <div role="status" className="mt-3 text-sm text-amber-800 dark:text-amber-200">
          <p>{problems.length > 0 ? "The preview waits for valid values:" : (result.message ?? "No preview.")}</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map(([field, message]) => (
              <li key={field}>
                {FIELD_LABELS[field] ?? field} {message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

const FIELD_LABELS: Record<string, string> = {
  profileTitle: "Profile title",
  supportUrl: "Support URL",
  updateIntervalHours: "Update interval",
  announce: "Announcement",
  remarkTemplate: "Server name template",
};
