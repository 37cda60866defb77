import type { EdgeUser } from "./edge-users-schema";

/** email → VLESS id, for one inbound. */
export type ClientSet = Map<string, string>;

export interface RenderedInbounds {
  /** The whole file with the selected inbounds' clients replaced; everything else as it was. */
  text: string;
  /** The selected inbounds, in file order, with the clients the file held before. */
  inbounds: Array<{ tag: string | null; before: ClientSet; clientsWithoutEmail: number }>;
}

/** The inbounds file cannot be used (not JSON, no matching VLESS inbound): an operator must fix it. */
export class XrayInboundsError extends Error {
  override name = "XrayInboundsError";
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Writes `users` as the `settings.clients` of the VLESS inbounds in an operator's v2ray/Xray
 * inbounds file (docs/edge.md, section 4): `{id, email, level: 0}` per user, plus the
 * `flow` the inbound's first client had (e.g. `xtls-rprx-vision`). Only the inbound tagged `tag`
 * is touched when given, else every VLESS inbound. The output depends only on the file and the
 * users, so an unchanged list renders to the same bytes.
 */
export function renderXrayInbounds(fileText: string, users: readonly EdgeUser[], options: { tag: string | null }): RenderedInbounds {
  let config: unknown;
  try {
    config = JSON.parse(fileText);
  } catch (error) {
    throw new XrayInboundsError(`not JSON (${error instanceof Error ? error.message : String(error)}); comments are not supported`);
  }
  if (!isObject(config) || !Array.isArray(config.inbounds)) throw new XrayInboundsError('expected an object with an "inbounds" array');
  const inbounds: RenderedInbounds["inbounds"] = [];
  for (const inbound of config.inbounds as unknown[]) {
    if (!isObject(inbound) || inbound.protocol !== "vless") continue;
    const tag = typeof inbound.tag === "string" && inbound.tag !== "" ? inbound.tag : null;
    if (options.tag !== null && tag !== options.tag) continue;
    const settings = isObject(inbound.settings) ? inbound.settings : {};
    const previous = Array.isArray(settings.clients) ? settings.clients.filter(isObject) : [];
    const before: ClientSet = new Map();
    let clientsWithoutEmail = 0;
    for (const client of previous) {
      if (typeof client.email === "string" && client.email !== "" && typeof client.id === "string") before.set(client.email, client.id);
      else clientsWithoutEmail += 1;
    }
    const flow = typeof previous[0]?.flow === "string" && previous[0].flow !== "" ? previous[0].flow : null;
    settings.clients = users.map((user) => ({ id: user.id, email: user.email, level: 0, ...(flow ? { flow } : {}) }));
    inbound.settings = settings;
    inbounds.push({ tag, before, clientsWithoutEmail });
  }
  if (inbounds.length === 0) {
    throw new XrayInboundsError(options.tag === null ? "no VLESS inbound in the file" : `no VLESS inbound tagged ${JSON.stringify(options.tag)} in the file`);
  }
  return { text: `${JSON.stringify(config, null, 2)}\n`, inbounds };
}

export interface UserChanges {
  /** Emails to remove first (gone, or their id changed). */
  remove: string[];
  add: EdgeUser[];
}

/**
 * What must change in a core holding `before` so it holds exactly `desired`, by email: a changed
 * id is a remove and an add. With `fullSync` every desired user is added (the core answers
 * "already exists" for those it has), for when `before` is only the file's word for it.
 */
export function diffUsers(before: ClientSet, desired: readonly EdgeUser[], options: { fullSync: boolean }): UserChanges {
  const wanted = new Map(desired.map((user) => [user.email, user.id]));
  const remove = [...before].filter(([email, id]) => wanted.get(email) !== id).map(([email]) => email);
  const add = desired.filter((user) => options.fullSync || before.get(user.email) !== user.id);
  return { remove, add };
}
