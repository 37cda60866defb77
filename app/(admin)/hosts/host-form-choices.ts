import { SECURITIES, TRANSPORTS } from "@/lib/db/schema";
import { FINGERPRINTS } from "@/lib/hosts/schema";
import type { HostFormChoices } from "@/components/hosts/host-form";

/** The host form's select options, handed to the client form so it does not bundle the db schema. */
export const HOST_FORM_CHOICES: HostFormChoices = { transports: TRANSPORTS, securities: SECURITIES, fingerprints: FINGERPRINTS };
