import { describe, expect, it } from "vitest";
import { encodeAddVlessUser, encodeQueryStats, encodeRemoveUser, xrayApiMessages } from "./messages";

/** Protobuf wire format by hand: a length-delimited field (wire type 2) and a varint field (wire type 0). */
const bytesField = (field: number, value: Buffer | string) => {
  const payload = Buffer.isBuffer(value) ? value : Buffer.from(value);
  return Buffer.concat([Buffer.from([(field << 3) | 2, payload.length]), payload]);
};
const varintField = (field: number, value: number) => Buffer.from([(field << 3) | 0, value]);
const typedMessage = (type: string, value: Buffer) => Buffer.concat([bytesField(1, type), bytesField(2, value)]);

describe("the core API's messages", () => {
  it.each([
    ["v2ray", "v2ray.core.app.proxyman.command", "v2ray.core.app.stats.command", "v2ray.core.proxy.vless"],
    ["xray", "xray.app.proxyman.command", "xray.app.stats.command", "xray.proxy.vless"],
  ] as const)("%s: method paths and TypedMessage names", (flavor, proxyman, stats, vless) => {
    const messages = xrayApiMessages(flavor);
    expect(messages.alterInboundPath).toBe(`/${proxyman}.HandlerService/AlterInbound`);
    expect(messages.queryStatsPath).toBe(`/${stats}.StatsService/QueryStats`);
    expect(messages.typeNames).toEqual({ addUser: `${proxyman}.AddUserOperation`, removeUser: `${proxyman}.RemoveUserOperation`, vlessAccount: `${vless}.Account` });
  });

  it("encodes RemoveUser as AlterInboundRequest{tag=1, operation=2: TypedMessage{type=1, value=2: RemoveUserOperation{email=1}}}", () => {
    const messages = xrayApiMessages("v2ray");
    const expected = Buffer.concat([bytesField(1, "t"), bytesField(2, typedMessage("v2ray.core.app.proxyman.command.RemoveUserOperation", bytesField(1, "u@r")))]);
    expect(Buffer.from(encodeRemoveUser(messages, "t", "u@r"))).toEqual(expected);
  });

  it("encodes AddUser as User{level=1, email=2, account=3: TypedMessage{vless.Account{id=1}}}", () => {
    const messages = xrayApiMessages("xray");
    const account = typedMessage("xray.proxy.vless.Account", bytesField(1, "id-1"));
    const user = Buffer.concat([varintField(1, 2), bytesField(2, "u@r"), bytesField(3, account)]);
    const operation = typedMessage("xray.app.proxyman.command.AddUserOperation", bytesField(1, user));
    const expected = Buffer.concat([bytesField(1, "t"), bytesField(2, operation)]);
    expect(Buffer.from(encodeAddVlessUser(messages, "t", { email: "u@r", id: "id-1", level: 2 }))).toEqual(expected);
  });

  it("carries a flow in the VLESS account when there is one", () => {
    const messages = xrayApiMessages("v2ray");
    const encoded = Buffer.from(encodeAddVlessUser(messages, "t", { email: "u@r", id: "id-1", level: 0, flow: "xtls-rprx-vision" }));
    expect(encoded.includes(Buffer.concat([bytesField(1, "id-1"), bytesField(2, "xtls-rprx-vision")]))).toBe(true);
  });

  it("encodes QueryStats as {pattern=1, reset=2}", () => {
    expect(Buffer.from(encodeQueryStats(xrayApiMessages("v2ray"), { pattern: "user>>>", reset: true }))).toEqual(Buffer.concat([bytesField(1, "user>>>"), varintField(2, 1)]));
  });
});
