import { describe, expect, it } from "vitest";
import { diffUsers, renderXrayInbounds, XrayInboundsError } from "./xray-inbounds";

const A = { email: "user-1@rotor", id: "11111111-1111-4111-8111-111111111111" };
const B = { email: "user-2@rotor", id: "22222222-2222-4222-8222-222222222222" };
const B2 = { email: "user-2@rotor", id: "33333333-3333-4333-8333-333333333333" };

const template = {
  log: { loglevel: "warning" },
  inbounds: [
    {
      tag: "rotor-ws",
      port: 10000,
      protocol: "vless",
      settings: { clients: [{ id: A.id, email: A.email }, { id: "44444444-4444-4444-8444-444444444444" }], decryption: "none" },
      streamSettings: { network: "ws", wsSettings: { path: "/rotor-internal-ws" } },
    },
    { tag: "api", port: 10085, protocol: "dokodemo-door", settings: { address: "127.0.0.1" } },
    { tag: "vision", port: 10443, protocol: "vless", settings: { clients: [{ id: A.id, flow: "xtls-rprx-vision" }], decryption: "none" } },
  ],
};
const text = JSON.stringify(template);

describe("renderXrayInbounds", () => {
  it("replaces every VLESS inbound's clients and keeps everything else", () => {
    const rendered = renderXrayInbounds(text, [A, B], { tag: null });
    const config = JSON.parse(rendered.text) as typeof template;
    expect(config.inbounds[0]!.settings.clients).toEqual([
      { id: A.id, email: A.email, level: 0 },
      { id: B.id, email: B.email, level: 0 },
    ]);
    // The template's flow is kept for every client of that inbound.
    expect(config.inbounds[2]!.settings.clients).toEqual([
      { id: A.id, email: A.email, level: 0, flow: "xtls-rprx-vision" },
      { id: B.id, email: B.email, level: 0, flow: "xtls-rprx-vision" },
    ]);
    expect(config.inbounds[1]).toEqual(template.inbounds[1]);
    expect(config.inbounds[0]!.streamSettings).toEqual(template.inbounds[0]!.streamSettings);
    expect(config.inbounds[0]!.settings.decryption).toBe("none");
    expect(config.log).toEqual(template.log);
    expect(rendered.inbounds).toEqual([
      { tag: "rotor-ws", before: new Map([[A.email, A.id]]), clientsWithoutEmail: 1 },
      { tag: "vision", before: new Map(), clientsWithoutEmail: 1 },
    ]);
  });

  it("touches only the tagged inbound when a tag is given", () => {
    const config = JSON.parse(renderXrayInbounds(text, [B], { tag: "rotor-ws" }).text) as typeof template;
    expect(config.inbounds[0]!.settings.clients).toEqual([{ id: B.id, email: B.email, level: 0 }]);
    expect(config.inbounds[2]).toEqual(template.inbounds[2]);
  });

  it("renders an empty client list (every user disabled) and is stable", () => {
    const once = renderXrayInbounds(text, [], { tag: "rotor-ws" }).text;
    expect((JSON.parse(once) as typeof template).inbounds[0]!.settings.clients).toEqual([]);
    expect(renderXrayInbounds(once, [], { tag: "rotor-ws" }).text).toBe(once);
  });

  it.each([
    ["not JSON", "{ // comment\n}", null, /not JSON/],
    ["no inbounds", "{}", null, /"inbounds" array/],
    ["no VLESS inbound", JSON.stringify({ inbounds: [{ protocol: "vmess" }] }), null, /no VLESS inbound in the file/],
    ["no inbound with the tag", text, "other", /no VLESS inbound tagged "other"/],
  ])("refuses a file with %s", (_case, fileText, tag, message) => {
    const render = () => renderXrayInbounds(fileText, [A], { tag });
    expect(render).toThrow(XrayInboundsError);
    expect(render).toThrow(message);
  });
});

describe("diffUsers", () => {
  const before = new Map([
    [A.email, A.id],
    [B.email, B.id],
  ]);
  it.each([
    ["nothing changed", [A, B], { remove: [], add: [] }],
    ["a user disabled", [A], { remove: [B.email], add: [] }],
    ["a user added", [A, B, { email: "user-3@rotor", id: "55555555-5555-4555-8555-555555555555" }], { remove: [], add: [{ email: "user-3@rotor", id: "55555555-5555-4555-8555-555555555555" }] }],
    ["a changed id (remove, then add)", [A, B2], { remove: [B.email], add: [B2] }],
    ["every user gone", [], { remove: [A.email, B.email], add: [] }],
  ])("%s", (_case, desired, expected) => {
    expect(diffUsers(before, desired, { fullSync: false })).toEqual(expected);
  });

  it("adds every desired user on a full sync, and still removes the undesired", () => {
    expect(diffUsers(before, [A, B2], { fullSync: true })).toEqual({ remove: [B.email], add: [A, B2] });
  });
});
