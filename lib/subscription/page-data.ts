import "server-only";
import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { effectiveStatus } from "@/lib/users/present-user";
import { subscriptionUrl } from "@/lib/users/subscription-url";
import { secretsMatch, sha256Hex } from "@/lib/util/tokens";
import { loadSettings } from "./catalog";
import { importLinks } from "./import-links";

/** What the subscription page shows; null for an unknown token (the page then answers 404). */
export async function loadSubscriptionPage(token: string, baseUrl: string) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.subscriptionTokenHash, sha256Hex(token))).get();
  if (!user || !secretsMatch(user.subscriptionToken, token)) return null;
  const settings = loadSettings(db);
  const url = subscriptionUrl(baseUrl, token);
  return {
    title: settings.profileTitle,
    supportUrl: settings.supportUrl,
    announce: settings.announce,
    username: user.username,
    status: effectiveStatus(user),
    usedBytes: user.uploadBytes + user.downloadBytes,
    dataLimitBytes: user.dataLimitBytes,
    expiresAt: user.expiresAt,
    /** Set while the expiry waits for the first connection (on hold). */
    onHoldSeconds: user.expiresAt === null ? user.onHoldSeconds : null,
    url,
    qrSvg: await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 }),
    imports: importLinks(url, settings.profileTitle),
  };
}
