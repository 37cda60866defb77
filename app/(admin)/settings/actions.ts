"use server";

import { revalidatePath } from "next/cache";
import { adminAction, type ActionState } from "@/lib/admin/admin-action";
import { adminActor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { deleteUaRule } from "@/lib/settings/delete-ua-rule";
import { moveUaRule } from "@/lib/settings/move-ua-rule";
import { previewSettings, type SettingsPreview } from "@/lib/settings/preview-settings";
import { createUaRule, updateUaRule } from "@/lib/settings/save-ua-rule";
import { settingsSchema } from "@/lib/settings/schema";
import { testUserAgent, type UserAgentTestResult } from "@/lib/settings/test-user-agent";
import { updateSettings } from "@/lib/settings/update-settings";
import { parseInput } from "@/lib/validation";

const fields = (formData: FormData, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, formData.get(name) ?? undefined]));
const SETTINGS_FORM = ["profileTitle", "supportUrl", "updateIntervalHours", "announce", "remarkTemplate", "version"];
const RULE_FORM = ["id", "prefix", "format", "note", "placement", "direction"];

export async function saveSettingsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    const { changed } = updateSettings(getDb(), fields(formData, SETTINGS_FORM), { actor: adminActor(admin.name) });
    revalidatePath("/settings");
    return { ok: true, message: changed.length ? "Settings saved. Clients get them at their next refresh." : "Nothing changed." };
  });
}

export type PreviewState = ActionState & { preview?: SettingsPreview };

/** The headers and remark /sub would send with these (unsaved) values; anyone who may view settings may preview. */
export async function previewSettingsAction(values: Record<string, string>): Promise<PreviewState> {
  let preview: SettingsPreview | undefined;
  const state = await adminAction("view", () => {
    preview = previewSettings(parseInput(settingsSchema, values));
  });
  return { ...state, preview };
}

export async function createUaRuleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    const rule = createUaRule(getDb(), fields(formData, RULE_FORM), { actor: adminActor(admin.name) });
    revalidatePath("/settings");
    return { ok: true, message: `Rule “${rule.prefix}” added at position ${rule.position}.` };
  });
}

export async function updateUaRuleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    updateUaRule(getDb(), fields(formData, RULE_FORM), { actor: adminActor(admin.name) });
    revalidatePath("/settings");
  });
}

export async function deleteUaRuleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    deleteUaRule(getDb(), fields(formData, RULE_FORM), { actor: adminActor(admin.name) });
    revalidatePath("/settings");
  });
}

export async function moveUaRuleAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction("manage", (admin) => {
    moveUaRule(getDb(), fields(formData, RULE_FORM), { actor: adminActor(admin.name) });
    revalidatePath("/settings");
  });
}

export type TesterState = ActionState & { result?: UserAgentTestResult };

/** Which format /sub would pick; it changes nothing, so viewers may use it too. */
export async function testUserAgentAction(_previous: TesterState, formData: FormData): Promise<TesterState> {
  let result: UserAgentTestResult | undefined;
  const state = await adminAction("view", () => {
    result = testUserAgent(getDb(), { userAgent: formData.get("userAgent") ?? "", acceptsHtml: formData.get("acceptsHtml") });
  });
  return { ...state, result };
}
