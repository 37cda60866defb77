import { AppError } from "@/lib/errors";
import { secretsMatch } from "@/lib/util/tokens";

/**
 * Checks a /metrics request's `Authorization: Bearer <token>` against ROTOR_METRICS_TOKEN (in
 * constant time); with no token configured, every scrape is allowed.
 */
export function authorizeScrape(authorization: string | null, token: string | undefined): void {
  if (token === undefined) return;
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (given === undefined || !secretsMatch(token, given)) {
    throw new AppError("unauthorized", "GET /metrics needs Authorization: Bearer <ROTOR_METRICS_TOKEN>");
  }
}
