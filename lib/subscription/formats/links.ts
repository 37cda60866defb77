import { buildVlessLink } from "../vless-link";
import { NothingToRenderError, type RenderedProfile, type RenderInput } from "../types";

/** One vless:// link per host, joined with `\n`, no trailing newline (formats.md: base64 and links). */
export function linksText(input: RenderInput): string {
  if (input.hosts.length === 0) throw new NothingToRenderError("no host is enabled for this subscription");
  return input.hosts.map((host) => buildVlessLink(input.user.uuid, host)).join("\n");
}

export function renderLinks(input: RenderInput): RenderedProfile {
  return { body: linksText(input), contentType: "text/plain; charset=utf-8", extension: "txt" };
}

/** The links as standard base64 (never URL-safe), one line: what v2rayN and its peers import. */
export function renderBase64(input: RenderInput): RenderedProfile {
  return { body: Buffer.from(linksText(input), "utf8").toString("base64"), contentType: "text/plain; charset=utf-8", extension: "txt" };
}
