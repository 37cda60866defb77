import "server-only";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { catalogChanged, type SubscriptionSettings } from "@/lib/subscription/catalog";
import { parseInput } from "@/lib/validation";
import { SETTINGS_FIELDS, settingsSchema } from "./schema";

export interface SettingsUpdate {
  settings: SubscriptionSettings;
  /** The fields whose value changed; empty when the save changed nothing. */
  changed: string[];
}

/**
 * Saves the settings row (validated with settingsSchema) and audits the changed fields. A save
 * that changes something bumps `version`, which feeds every subscription's ETag; one that
 * changes nothing writes nothing, so clients are not made to download an identical profile.
 */
export function updateSettings(db: Db, input: unknown, options: { actor: string }): SettingsUpdate {
  const { version, ...values } = parseInput(settingsSchema, input);
  // IMMEDIATE: the read of the current row and the write happen under one write lock.
  const result = db.transaction((tx) => {
    const current = tx.select().from(settings).where(eq(settings.id, 1)).get();
    // The seed migration creates the row; without it the database is not migrated.
    if (!current) throw new AppError("not_found", "the settings row is missing; run the migrations");
    if (version !== undefined && version !== current.version) {
      throw new AppError("conflict", "The settings were changed by someone else since you opened this page. Reload to see their changes.");
    }
    const changes = Object.fromEntries(
      SETTINGS_FIELDS.filter((field) => values[field] !== current[field]).map((field) => [field, { from: current[field], to: values[field] }]),
    );
    const changed = Object.keys(changes);
    if (changed.length === 0) return { settings: current, changed };
    const updated = tx
      .update(settings)
      .set({ ...values, version: sql`${settings.version} + 1` })
      .where(eq(settings.id, 1))
      .returning()
      .get();
    recordAudit(tx, { actor: options.actor, action: "settings.update", target: "settings", details: { changes } });
    return { settings: updated!, changed };
  }, { behavior: "immediate" });
  if (result.changed.length > 0) catalogChanged();
  return result;
}
