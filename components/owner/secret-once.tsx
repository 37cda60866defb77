import { CopyButton } from "@/components/copy-button";

/** A freshly created secret, shown once with a copy button and a warning that it will not be shown again. */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950">
      <p className="font-medium">{label}: copy it now, it is shown only once.</p>
      <div className="flex items-center gap-2">
        <code aria-label={label} className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1.5 font-mono text-xs dark:bg-zinc-900">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
    </div>
  );
}
