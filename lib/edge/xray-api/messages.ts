import protobuf from "protobufjs";

/**
 * The few API messages the edge agent needs, declared here field by field. Field numbers follow
 * v2ray-core v4.34's `app/proxyman/command/command.proto`, `app/stats/command/command.proto`,
 * `common/protocol/user.proto`, `common/serial/typed_message.proto` and
 * `proxy/vless/account.proto`; Xray-core kept the same messages and numbers under shorter
 * package names.
 */
export type XrayApiFlavor = "v2ray" | "xray";

interface Packages {
  proxyman: string;
  stats: string;
  serial: string;
  protocol: string;
  vless: string;
}

const PACKAGES: Record<XrayApiFlavor, Packages> = {
  v2ray: {
    proxyman: "v2ray.core.app.proxyman.command",
    stats: "v2ray.core.app.stats.command",
    serial: "v2ray.core.common.serial",
    protocol: "v2ray.core.common.protocol",
    vless: "v2ray.core.proxy.vless",
  },
  xray: {
    proxyman: "xray.app.proxyman.command",
    stats: "xray.app.stats.command",
    serial: "xray.common.serial",
    protocol: "xray.common.protocol",
    vless: "xray.proxy.vless",
  },
};

type FieldSpec = [name: string, id: number, type: string, rule?: "repeated"];

export interface XrayApiMessages {
  flavor: XrayApiFlavor;
  /** gRPC method paths, e.g. `/v2ray.core.app.proxyman.command.HandlerService/AlterInbound`. */
  alterInboundPath: string;
  queryStatsPath: string;
  /** Type names as the core's TypedMessage registry knows them (the message's full name, no URL prefix). */
  typeNames: { addUser: string; removeUser: string; vlessAccount: string };
  typedMessage: protobuf.Type;
  user: protobuf.Type;
  vlessAccount: protobuf.Type;
  addUserOperation: protobuf.Type;
  removeUserOperation: protobuf.Type;
  alterInboundRequest: protobuf.Type;
  alterInboundResponse: protobuf.Type;
  queryStatsRequest: protobuf.Type;
  queryStatsResponse: protobuf.Type;
}

const cache = new Map<XrayApiFlavor, XrayApiMessages>();

/** The message types for one core's package names (built once per flavor). */
export function xrayApiMessages(flavor: XrayApiFlavor): XrayApiMessages {
  const cached = cache.get(flavor);
  if (cached) return cached;
  const pkg = PACKAGES[flavor];
  const root = new protobuf.Root();
  const define = (packageName: string, name: string, fields: FieldSpec[]): protobuf.Type => {
    const type = new protobuf.Type(name);
    for (const [fieldName, id, fieldType, rule] of fields) type.add(new protobuf.Field(fieldName, id, fieldType, rule));
    root.define(packageName).add(type);
    return type;
  };
  const typedMessageName = `.${pkg.serial}.TypedMessage`;
  const messages: XrayApiMessages = {
    flavor,
    alterInboundPath: `/${pkg.proxyman}.HandlerService/AlterInbound`,
    queryStatsPath: `/${pkg.stats}.StatsService/QueryStats`,
    typeNames: {
      addUser: `${pkg.proxyman}.AddUserOperation`,
      removeUser: `${pkg.proxyman}.RemoveUserOperation`,
      vlessAccount: `${pkg.vless}.Account`,
    },
    typedMessage: define(pkg.serial, "TypedMessage", [
      ["type", 1, "string"],
      ["value", 2, "bytes"],
    ]),
    user: define(pkg.protocol, "User", [
      ["level", 1, "uint32"],
      ["email", 2, "string"],
      ["account", 3, typedMessageName],
    ]),
    vlessAccount: define(pkg.vless, "Account", [
      ["id", 1, "string"],
      ["flow", 2, "string"],
      ["encryption", 3, "string"],
    ]),
    addUserOperation: define(pkg.proxyman, "AddUserOperation", [["user", 1, `.${pkg.protocol}.User`]]),
    removeUserOperation: define(pkg.proxyman, "RemoveUserOperation", [["email", 1, "string"]]),
    alterInboundRequest: define(pkg.proxyman, "AlterInboundRequest", [
      ["tag", 1, "string"],
      ["operation", 2, typedMessageName],
    ]),
    alterInboundResponse: define(pkg.proxyman, "AlterInboundResponse", []),
    queryStatsRequest: define(pkg.stats, "QueryStatsRequest", [
      ["pattern", 1, "string"],
      ["reset", 2, "bool"],
    ]),
    queryStatsResponse: define(pkg.stats, "QueryStatsResponse", [["stat", 1, `.${pkg.stats}.Stat`, "repeated"]]),
  };
  define(pkg.stats, "Stat", [
    ["name", 1, "string"],
    ["value", 2, "int64"],
  ]);
  root.resolveAll();
  cache.set(flavor, messages);
  return messages;
}

/** A message wrapped for a TypedMessage field: its full type name and its encoded bytes. */
export function typed(messages: XrayApiMessages, typeName: string, type: protobuf.Type, value: Record<string, unknown>): protobuf.Message {
  return messages.typedMessage.create({ type: typeName, value: type.encode(type.create(value)).finish() });
}

/** AlterInboundRequest bytes adding a VLESS user to the inbound `tag`. */
export function encodeAddVlessUser(messages: XrayApiMessages, tag: string, user: { email: string; id: string; level: number; flow?: string }): Uint8Array {
  // Empty fields are left out, as proto3 encoders do; `encryption` only matters on the client side.
  const account = typed(messages, messages.typeNames.vlessAccount, messages.vlessAccount, { id: user.id, ...(user.flow ? { flow: user.flow } : {}) });
  const operation = typed(messages, messages.typeNames.addUser, messages.addUserOperation, {
    user: messages.user.create({ level: user.level, email: user.email, account }),
  });
  return messages.alterInboundRequest.encode(messages.alterInboundRequest.create({ tag, operation })).finish();
}

/** AlterInboundRequest bytes removing the user with `email` from the inbound `tag`. */
export function encodeRemoveUser(messages: XrayApiMessages, tag: string, email: string): Uint8Array {
  const operation = typed(messages, messages.typeNames.removeUser, messages.removeUserOperation, { email });
  return messages.alterInboundRequest.encode(messages.alterInboundRequest.create({ tag, operation })).finish();
}

export function encodeQueryStats(messages: XrayApiMessages, request: { pattern: string; reset: boolean }): Uint8Array {
  return messages.queryStatsRequest.encode(messages.queryStatsRequest.create(request)).finish();
}

/** The counters in a QueryStatsResponse, values as numbers (a byte count stays far below 2^53). */
export function decodeQueryStats(messages: XrayApiMessages, bytes: Uint8Array): Array<{ name: string; value: number }> {
  const decoded = messages.queryStatsResponse.toObject(messages.queryStatsResponse.decode(bytes), { longs: Number, defaults: true }) as {
    stat: Array<{ name: string; value: number }>;
  };
  return decoded.stat.map((stat) => ({ name: stat.name, value: stat.value }));
}
