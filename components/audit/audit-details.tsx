/** An entry's details: compact JSON on one line, the whole of it pretty-printed when opened. */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const compact = JSON.stringify(details);
  if (compact === "{}") return <span className="text-zinc-400">—</span>;
  if (compact.length <= 60) return <code className="break-all text-xs">{compact}</code>;
  return (
    <details className="group max-w-md">
      <summary className="cursor-pointer rounded text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
        <code className="break-all group-open:hidden">{compact.slice(0, 57)}…</code>
        <span className="hidden text-zinc-500 group-open:inline">Hide details</span>
      </summary>
      <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">{JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}
