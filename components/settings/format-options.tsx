import { SUBSCRIPTION_FORMATS } from "@/lib/subscription/types";

/** The <option>s of a format select. */
export function FormatOptions() {
  return SUBSCRIPTION_FORMATS.map((format) => (
    <option key={format} value={format}>
      {format}
    </option>
  ));
}
