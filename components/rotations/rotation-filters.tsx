import Link from "next/link";
import { buttonClass } from "@/components/button-class";
import { Field, INPUT_CLASS, controlProps } from "@/components/field";

export interface RotationFilterValues {
  hostId: string;
  reason: string;
  from: string;
  to: string;
}

/** The timeline's filters: a plain GET form, so the filter lives in the URL (shareable, back-button safe). */
export function RotationFilters({
  values,
  hosts,
  reasons,
  errors,
}: {
  values: RotationFilterValues;
  hosts: ReadonlyArray<{ id: number; name: string }>;
  reasons: readonly string[];
  errors: Record<string, string>;
}) {
  return (
    <form method="get" action="/rotations" className="grid items-start gap-4 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] dark:border-zinc-800 dark:bg-zinc-900">
      <Field name="hostId" label="Host" error={errors.hostId}>
        <select {...controlProps("hostId", errors.hostId)} defaultValue={values.hostId} className={INPUT_CLASS}>
          <option value="">All hosts</option>
          {hosts.map((host) => (
            <option key={host.id} value={host.id}>
              {host.name}
            </option>
          ))}
        </select>
      </Field>
      <Field name="reason" label="Reason" error={errors.reason}>
        <select {...controlProps("reason", errors.reason)} defaultValue={values.reason} className={INPUT_CLASS}>
          <option value="">Any reason</option>
          {reasons.map((reason) => (
            <option key={reason} value={reason}>
              {reason}
            </option>
          ))}
        </select>
      </Field>
      <Field name="from" label="From (UTC)" error={errors.from}>
        <input {...controlProps("from", errors.from)} type="date" defaultValue={values.from} className={INPUT_CLASS} />
      </Field>
      <Field name="to" label="To (UTC, inclusive)" error={errors.to}>
        <input {...controlProps("to", errors.to)} type="date" defaultValue={values.to} className={INPUT_CLASS} />
      </Field>
      <div className="flex gap-2 lg:mt-6">
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        <Link href="/rotations" className={buttonClass("secondary")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
