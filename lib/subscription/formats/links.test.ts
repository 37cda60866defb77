import { describe, expect, it } from "vitest";
import { sampleHost } from "@/test/support/subscription-host";
import { NothingToRenderError, type RenderInput } from "../types";
import { buildVlessLink } from "../vless-link";
import { renderBase64, renderLinks } from "./links";

const UUID = "0f8e9b1c-2d3a-4b5c-8d7e-9f0a1b2c3d4e";
const input: RenderInput = {
  user: { username: "alice", uuid: UUID },
  profileTitle: "Rotor",
  hosts: [
    sampleHost({ id: 1, remark: "Франкфурт · alice" }),
    sampleHost({ id: 2, transport: "grpc", path: "svcAb3", remark: "nl · alice" }),
  ],
};

describe("links and base64", () => {
  it("joins one vless:// link per host with \\n, without a trailing newline", () => {
    const { body, contentType } = renderLinks(input);
    expect(body).toBe(input.hosts.map((host) => buildVlessLink(UUID, host)).join("\n"));
    expect(body.endsWith("\n")).toBe(false);
    expect(body.split("\n").every((line) => line.startsWith("vless://"))).toBe(true);
    expect(contentType).toBe("text/plain; charset=utf-8");
  });

  it("is standard base64 (with padding, never URL-safe) of the links, on one line", () => {
    const { body } = renderBase64(input);
    expect(body).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(body, "base64").toString("utf8")).toBe(renderLinks(input).body);
  });

  it("refuses to render an empty profile", () => {
    expect(() => renderBase64({ ...input, hosts: [] })).toThrow(NothingToRenderError);
  });
});
