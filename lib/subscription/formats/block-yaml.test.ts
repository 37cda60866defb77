import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toBlockYaml } from "./block-yaml";

const AWKWARD_STRINGS = [
  "",
  "plain",
  "true",
  "null",
  "~",
  "0x1F",
  "1e3",
  "012",
  "- dash",
  "key: value",
  "# comment",
  "trailing space ",
  " leading",
  'quote " and \\ backslash',
  "'single'",
  "line\nbreak\ttab\r",
  "Ünïcödé · 東京 🚀",
  "del\u007f c1\u0085 ls\u2028 ps\u2029 bom\ufeff",
  "\u0000nul\u001bescape",
  "*anchor &ref !tag %directive @at `tick` |pipe >fold",
  "[flow] {map}, comma",
];

describe("toBlockYaml", () => {
  it.each(AWKWARD_STRINGS)("keeps the string %j as the same string", (text) => {
    const data = { name: text, list: [text, { [text || "empty"]: text }] };
    expect(parse(toBlockYaml(data))).toEqual(data);
  });

  it("round-trips nested maps, lists, numbers, booleans and null", () => {
    const data = {
      "mixed-port": 7890,
      ratio: -1.5,
      "allow-lan": false,
      nothing: null,
      proxies: [
        { name: "a", "ws-opts": { path: "/p", headers: { Host: "h" } }, alpn: ["h2", "http/1.1"] },
        { name: "b", "grpc-opts": { "grpc-service-name": "svc" } },
      ],
      nested: [
        [1, 2],
        [[], {}],
      ],
      empties: { list: [], map: {} },
      "needs quoting: key": "v",
    };
    expect(parse(toBlockYaml(data))).toEqual(data);
  });

  it("leaves out undefined values, as JSON would", () => {
    expect(parse(toBlockYaml({ kept: 1, dropped: undefined, inner: [{ only: undefined }] }))).toEqual({ kept: 1, inner: [{}] });
  });

  it("writes block style with bare keys and quoted strings", () => {
    expect(toBlockYaml({ port: 1, proxies: [{ name: "x", tls: true }], rules: ["MATCH,Proxy"] })).toBe(
      ['port: 1', 'proxies:', '  - name: "x"', "    tls: true", "rules:", '  - "MATCH,Proxy"', ""].join("\n"),
    );
  });

  it("refuses numbers YAML cannot hold", () => {
    expect(() => toBlockYaml({ n: Number.NaN })).toThrow(/NaN/);
  });

  it("writes an empty top-level map as {}", () => {
    expect(parse(toBlockYaml({}))).toEqual({});
  });

  it("refuses values that are not JSON-shaped", () => {
    expect(() => toBlockYaml({ when: new Date(0) })).toThrow(TypeError);
    expect(() => toBlockYaml({ call: () => 1 })).toThrow(TypeError);
  });
});
