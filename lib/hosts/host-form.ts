import { AppError, type FieldIssue } from "@/lib/errors";
import { formatDuration, parseDuration } from "@/lib/util/units";
import { fieldIssues } from "@/lib/validation";
import type { Host } from "./get-host";
import { HOST_FIELDS, type HostField } from "./patch-schema";
import { createHostSchema } from "./schema";

/** The host form's values as the inputs hold them: text, and a checkbox for `enabled`. */
export type HostFormValues = Record<HostTextField, string> & { enabled: boolean };

type HostTextField = Exclude<HostField, "enabled" | "sortOrder">;

const DURATION_FIELDS = ["rotationIntervalSeconds", "graceSeconds", "announceSeconds"] as const;
const TEXT_FIELDS = HOST_FIELDS.filter((field): field is HostTextField => field !== "enabled" && field !== "sortOrder");

/** The form's starting values for an existing host, durations written as `1d12h`. */
export function hostFormValues(host: Pick<Host, HostField>): HostFormValues {
  const values = Object.fromEntries(TEXT_FIELDS.map((field) => [field, String(host[field])])) as Record<HostTextField, string>;
  for (const field of DURATION_FIELDS) values[field] = formatDuration(host[field]);
  return { ...values, enabled: host.enabled };
}

/** The form's starting values for a new host: createHostSchema's defaults. */
export function newHostFormValues(): HostFormValues {
  const defaults = createHostSchema.parse({ name: "x", address: "x", port: 443, transport: "ws", security: "tls" });
  return hostFormValues({ ...defaults, name: "", address: "" });
}

/** The submitted form as typed text (to refill the form after a refusal). */
export function readHostFormValues(formData: FormData): HostFormValues {
  const values = Object.fromEntries(TEXT_FIELDS.map((field) => [field, String(formData.get(field) ?? "")])) as Record<HostTextField, string>;
  return { ...values, enabled: formData.get("enabled") === "on" };
}

/**
 * The host fields a submitted form holds, with the port and durations (`6h`, `1d12h`) turned
 * into numbers. Text the form cannot read as a number is reported together with every problem
 * the domain schema finds in the other fields, so one submission shows all of them.
 */
export function parseHostForm(values: HostFormValues): Partial<Record<HostField, unknown>> {
  const issues: FieldIssue[] = [];
  const input: Record<string, unknown> = { ...values };
  const port = values.port.trim();
  if (/^\d{1,6}$/.test(port)) input.port = Number(port);
  else issues.push({ field: "port", message: port ? "must be a whole number" : "is required" });
  for (const field of DURATION_FIELDS) {
    const seconds = values[field].trim() ? parseDuration(values[field]) : undefined;
    if (seconds !== undefined) input[field] = seconds;
    else issues.push({ field, message: values[field].trim() ? "must be a duration like 90s, 30m, 6h or 1d12h" : "is required" });
  }
  if (issues.length === 0) return input;
  // Stand-ins that pass, so the domain schema reports on the other fields only.
  const standIns = Object.fromEntries(issues.map((issue) => [issue.field, issue.field === "port" ? 443 : 0]));
  const rest = createHostSchema.safeParse({ ...input, ...standIns });
  const more = rest.success ? [] : fieldIssues(rest.error).filter((issue) => !(issue.field in standIns));
  const all = [...issues, ...more];
  throw new AppError("invalid_request", `${all[0]!.field}: ${all[0]!.message}`, { issues: all });
}
