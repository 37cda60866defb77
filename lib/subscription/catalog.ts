import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hosts, settings, userAgentRules } from "@/lib/db/schema";
import { announceHeader, asciiUrlHeader, base64Header, contentDisposition } from "./headers";
import { createFormatDetector, type FormatDetector, type UserAgentRule } from "./user-agent";

export type SubscriptionSettings = typeof settings.$inferSelect;
export type CatalogHost = typeof hosts.$inferSelect;

/** What every subscription reads and admins rarely change: settings, UA rules, enabled hosts. */
export interface Catalog {
  settings: SubscriptionSettings;
  detector: FormatDetector;
  /** Enabled hosts in display order. */
  hosts: CatalogHost[];
  /** Headers that depend on the settings alone, built once per load rather than per request. */
  profileHeaders: Record<string, string>;
  /** content-disposition per file extension, likewise. */
  dispositions: Record<string, string>;
}

/** A catalog from its parts, with the settings-derived headers computed once. */
export function buildCatalog(settings: SubscriptionSettings, rules: readonly UserAgentRule[], hosts: CatalogHost[]): Catalog {
  const supportUrl = asciiUrlHeader(settings.supportUrl);
  return {
    settings,
    detector: createFormatDetector(rules),
    hosts,
    profileHeaders: {
      "profile-title": base64Header(settings.profileTitle),
      ...(supportUrl && { "support-url": supportUrl }),
      ...(settings.announce && { announce: announceHeader(settings.announce) }),
    },
    dispositions: Object.fromEntries(
      ["txt", "yaml", "json"].map((extension) => [extension, contentDisposition(`${settings.profileTitle}.${extension}`)]),
    ),
  };
}

const DEFAULT_SETTINGS: SubscriptionSettings = {
  id: 1,
  profileTitle: "Rotor",
  supportUrl: "",
  updateIntervalHours: 12,
  announce: "",
  remarkTemplate: "{HOST} · {USERNAME}",
  version: 0,
};

/** The settings row (the seed migration creates it; the defaults cover a database mid-migration). */
export function loadSettings(db: Db): SubscriptionSettings {
  return db.select().from(settings).where(eq(settings.id, 1)).get() ?? DEFAULT_SETTINGS;
}

export function loadCatalog(db: Db): Catalog {
  return buildCatalog(
    loadSettings(db),
    db.select({ prefix: userAgentRules.prefix, format: userAgentRules.format }).from(userAgentRules).orderBy(asc(userAgentRules.position)).all(),
    db.select().from(hosts).where(eq(hosts.enabled, true)).orderBy(asc(hosts.sortOrder), asc(hosts.id)).all(),
  );
}

/**
 * The catalog kept in memory, so a subscription costs one user lookup and no other query.
 * Reloaded when another connection commits (PRAGMA data_version, checked every `refreshMs`) or
 * when this process says it changed something (invalidate).
 */
export class CatalogCache {
  private catalog: Catalog;
  private dataVersion: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    refreshMs = 1000,
  ) {
    this.catalog = loadCatalog(db);
    this.dataVersion = this.readDataVersion();
    this.timer = setInterval(() => this.refreshIfChanged(), refreshMs);
    this.timer.unref();
  }

  get(): Catalog {
    return this.catalog;
  }

  /** Reload now: this process changed hosts, settings or rules. */
  invalidate(): void {
    this.catalog = loadCatalog(this.db);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private refreshIfChanged(): void {
    const current = this.readDataVersion();
    if (current === this.dataVersion) return;
    this.dataVersion = current;
    this.invalidate();
  }

  private readDataVersion(): number {
    return this.db.$client.pragma("data_version", { simple: true }) as number;
  }
}
