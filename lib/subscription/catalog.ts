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

export type StoredUserAgentRule = typeof userAgentRules.$inferSelect;

/** The User-Agent rules in the order /sub tries them (the admin's tester reads them the same way). */
export function loadUserAgentRules(db: Db): StoredUserAgentRule[] {
  return db.select().from(userAgentRules).orderBy(asc(userAgentRules.position), asc(userAgentRules.id)).all();
}

export function loadCatalog(db: Db): Catalog {
  return buildCatalog(
    loadSettings(db),
    loadUserAgentRules(db),
    db.select().from(hosts).where(eq(hosts.enabled, true)).orderBy(asc(hosts.sortOrder), asc(hosts.id)).all(),
  );
}

const changes = globalThis as unknown as { rotorCatalogChanges?: number };

/**
 * Tells every catalog in this process to reload before its next use. Call it after writing
 * settings, rules or hosts through this process's connection: PRAGMA data_version reports only
 * other connections' commits, so without this the server's own writes would go unseen.
 */
export function catalogChanged(): void {
  changes.rotorCatalogChanges = (changes.rotorCatalogChanges ?? 0) + 1;
}

/**
 * The catalog kept in memory, so a subscription costs one user lookup and no other query.
 * Reloaded when another connection commits (PRAGMA data_version, checked every `refreshMs`) or
 * when this process says it changed something (invalidate, catalogChanged).
 */
export class CatalogCache {
  private catalog: Catalog;
  private dataVersion: number;
  private seenChanges = changes.rotorCatalogChanges ?? 0;
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
    const latest = changes.rotorCatalogChanges ?? 0;
    if (latest !== this.seenChanges) {
      this.seenChanges = latest;
      this.invalidate();
    }
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
