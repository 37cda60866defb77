import { nameClaimer } from "./formats/shared";

/** The default remark template (Step 3): host name, then the user's name. */
export const DEFAULT_REMARK_TEMPLATE = "{HOST} · {USERNAME}";

export interface RemarkValues {
  host: string;
  username: string;
  transport: string;
}

/** Fills {HOST}, {USERNAME} and {TRANSPORT} in a remark template. */
export function renderRemark(template: string, values: RemarkValues): string {
  return template
    .replaceAll("{HOST}", values.host)
    .replaceAll("{USERNAME}", values.username)
    .replaceAll("{TRANSPORT}", values.transport)
    .trim();
}

/** Makes every remark unique by suffixing repeats with " 2", " 3", ... (mihomo rejects duplicate names). */
export function uniqueRemarks(remarks: readonly string[]): string[] {
  const claim = nameClaimer();
  return remarks.map((remark) => claim(remark || "host"));
}
