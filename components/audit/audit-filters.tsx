import Link from "next/link";
import { buttonClass } from "@/components/button-class";
import { INPUT_CLASS } from "@/components/field";

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

const FIELDS: ReadonlyArray<{ name: keyof AuditFilterValues; label: string; placeholder?: string; type?: string; hint?: string }> = [
  { name: "actor", label: "Actor", placeholder: "admin:ann, cli, api:ci" },
  { name: "action", label: "Action starts with", placeholder: "user." },
  { name: "target", label: "Target", placeholder: "user:42" },
  { name: "from", label: "From (UTC)", type: "datetime-local" },
  { name: "to", label: "Until (UTC)", type: "datetime-local" },
];

/** The log's filters as a GET form: every filter lives in the URL, so a filtered view can be shared and reloaded. */
export function AuditFilters({ values, actors }: { values: AuditFilterValues; actors: string[] }) {
  const active = Object.values(values).some(Boolean);
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-900">
      {FIELDS.map((field) => (
        <div key={field.name} className="space-y-1">
          <label htmlFor={`filter-${field.name}`} className="block text-sm font-medium">
            {field.label}
          </label>
          <input
            id={`filter-${field.name}`}
            name={field.name}
            type={field.type ?? "text"}
            defaultValue={values[field.name] ?? ""}
            placeholder={field.placeholder}
            list={field.name === "actor" ? "audit-actors" : undefined}
            autoComplete="off"
            className={INPUT_CLASS}
          />
        </div>
      ))}
      <datalist id="audit-actors">
        {actors.map((actor) => (
          <option key={actor} value={actor} />
        ))}
      </datalist>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        {active && (
          <Link href="/audit" className={buttonClass("secondary")}>
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
