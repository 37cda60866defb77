import "server-only";
import { buildCatalog } from "@/lib/subscription/catalog";
import { updateIntervalHours } from "@/lib/subscription/headers";
import { renderRemark, uniqueRemarks, type RemarkValues } from "@/lib/subscription/remarks";
import type { SettingsValues } from "./schema";

/** The example the preview fills the remark template with. */
export const PREVIEW_SAMPLE: RemarkValues = { host: "Frankfurt", username: "alice", transport: "ws" };

export interface SettingsPreview {
  /** The host and user the remark was filled with. */
  sample: RemarkValues;
  /** The remark a client would show for the sample host and user. */
  remark: string;
  /** Header name and exact value, in the order a response carries them. */
  headers: Array<[name: string, value: string]>;
}

/**
 * What /sub would send with these settings, built by the functions /sub itself uses (the
 * catalog's settings-derived headers, the interval rule, the remark renderer), so the preview
 * cannot drift from the real responses. The interval is the configured one: /sub shortens it
 * when one of the user's hosts rotates sooner.
 */
export function previewSettings(values: SettingsValues, sample: RemarkValues = PREVIEW_SAMPLE): SettingsPreview {
  const catalog = buildCatalog({ ...values, id: 1, version: 0 }, [], []);
  const headers: Array<[string, string]> = [
    ["profile-title", catalog.profileHeaders["profile-title"]!],
    ["profile-update-interval", String(updateIntervalHours(values.updateIntervalHours, [], new Date()))],
  ];
  for (const name of ["support-url", "announce"]) {
    const value = catalog.profileHeaders[name];
    if (value !== undefined) headers.push([name, value]);
  }
  headers.push(["content-disposition", catalog.dispositions.txt!]);
  return { sample, remark: uniqueRemarks([renderRemark(values.remarkTemplate, sample)])[0]!, headers };
}
