import { fingerprintOf, serverName, transportPath } from "./formats/shared";
import type { SubscriptionHost } from "./types";

/**
 * Percent-encodes like encodeURIComponent, and also the characters it leaves alone that some
 * clients misread in a query (formats.md: `+` must be %2B, mihomo reads it as a space).
 */
export function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** IPv6 literals in brackets (share-link proposal, "address"); names and IPv4 as they are. */
export function formatAddress(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/**
 * The query of a vless:// link, in a fixed order. Every key has a value and appears once
 * (v2rayN and v2rayNG drop or cut a key without `=`), and `encryption=none` always leads
 * (v2rayNG drops a link without a query).
 */
export function vlessQuery(host: SubscriptionHost): Array<[string, string]> {
  const query: Array<[string, string]> = [["encryption", "none"], ["type", host.transport]];
  switch (host.transport) {
    case "ws":
    case "httpupgrade":
      query.push(["path", transportPath(host)]);
      if (host.hostHeader) query.push(["host", host.hostHeader]);
      break;
    case "xhttp":
      query.push(["path", transportPath(host)], ["mode", "auto"]);
      if (host.hostHeader) query.push(["host", host.hostHeader]);
      break;
    case "grpc":
      query.push(["serviceName", host.path], ["mode", "gun"]);
      break;
  }
  query.push(["security", host.security]);
  if (host.security === "tls") {
    query.push(["sni", serverName(host)], ["fp", fingerprintOf(host)]);
    if (host.alpn) query.push(["alpn", host.alpn]);
  } else if (host.security === "reality") {
    query.push(["sni", serverName(host)], ["fp", fingerprintOf(host)], ["pbk", host.realityPublicKey]);
    if (host.realityShortId) query.push(["sid", host.realityShortId]);
    if (host.realitySpiderX) query.push(["spx", host.realitySpiderX]);
  }
  return query;
}

/**
 * `vless://<uuid>@<host>:<port>?<query>#<remark>` (XTLS/Xray-core share-link proposal, #91 /
 * discussion #716). Values and the remark are percent-encoded; the remark is stripped of `%`
 * runs that some clients would decode a second time.
 */
export function buildVlessLink(uuid: string, host: SubscriptionHost): string {
  const query = vlessQuery(host)
    .map(([key, value]) => `${key}=${encodeValue(value)}`)
    .join("&");
  return `vless://${uuid}@${formatAddress(host.address)}:${host.port}?${query}#${encodeValue(safeRemark(host.remark))}`;
}

/** A literal `%XX` in a remark is decoded twice by some clients and corrupts it: write it as `% XX`. */
export function safeRemark(remark: string): string {
  return remark.replace(/%(?=[0-9A-Fa-f]{2})/g, "% ").trim();
}
