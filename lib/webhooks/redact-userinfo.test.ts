import { describe, expect, it } from "vitest";
import { hasUserinfo, redactUserinfo } from "./redact-userinfo";

describe("redactUserinfo", () => {
  it.each([
    ["Request cannot be constructed from a URL that includes credentials: http://user:pw@127.0.0.1:9/x", "Request cannot be constructed from a URL that includes credentials: http://127.0.0.1:9/x"],
    ["https://only-user@hooks.example/a?b=c", "https://hooks.example/a?b=c"],
    ["https://a@b:p@ss@hooks.example/", "https://hooks.example/"],
    ["first http://u:p@one.example then HTTPS://v:q@two.example:8443", "first http://one.example then HTTPS://two.example:8443"],
    ["http://hooks.example/path@not-userinfo", "http://hooks.example/path@not-userinfo"],
    ["connect ECONNREFUSED 127.0.0.1:9", "connect ECONNREFUSED 127.0.0.1:9"],
    ["mail ann@example.com", "mail ann@example.com"],
  ])("%s", (text, expected) => {
    expect(redactUserinfo(text)).toBe(expected);
  });
});

describe("hasUserinfo", () => {
  it.each([
    ["http://user:pw@host.example/x", true],
    ["http://user@host.example/x", true],
    ["http://:pw@host.example/x", true],
    ["http://host.example/x?user=a@b", false],
    ["https://host.example/", false],
    ["not a url", false],
  ])("%s → %s", (url, expected) => {
    expect(hasUserinfo(url)).toBe(expected);
  });
});
