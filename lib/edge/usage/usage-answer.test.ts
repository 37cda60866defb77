import { describe, expect, it } from "vitest";
import { readUsageAnswer } from "./usage-answer";

const ID = "0123456789abcdef";
const json = (body: unknown) => JSON.stringify(body);
const NGINX_400 = "<html>\r\n<head><title>400 Request Header Or Cookie Too Large</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

describe("readUsageAnswer", () => {
  it.each([
    ["the panel's answer", 200, json({ reportId: ID, duplicate: false, counted: 2 }), "delivered"],
    ["the panel's answer to a repeat", 200, json({ reportId: ID, duplicate: true, counted: 0 }), "delivered"],
    ["a captive portal's page", 200, "<html><body>Accept the terms to go online</body></html>", "retry"],
    ["an empty 204", 204, "", "retry"],
    ["some other JSON", 200, json({ ok: true }), "retry"],
    ["the answer for another report", 200, json({ reportId: "fedcba9876543210", duplicate: false, counted: 1 }), "retry"],
    ["the panel refusing the body", 400, json({ error: { code: "invalid_request", message: "users.0.uplinkBytes: must be 0 or more" } }), "refused"],
    ["nginx refusing the headers", 400, NGINX_400, "retry"],
    ["a 400 in someone else's JSON", 400, json({ error: "bad request" }), "retry"],
    ["the panel's other errors", 429, json({ error: { code: "rate_limited", message: "slow down", retryAfterSeconds: 5 } }), "retry"],
    ["a gateway error", 502, "Bad Gateway", "retry"],
    ["the panel down", 503, json({ error: { code: "store_unavailable", message: "try again" } }), "retry"],
  ])("%s (%i) → %s", (_, status, text, outcome) => {
    expect(readUsageAnswer({ status, text }, ID).outcome).toBe(outcome);
  });

  it("keeps the panel's figures and its reason for refusing", () => {
    expect(readUsageAnswer({ status: 200, text: json({ reportId: ID, duplicate: true, counted: 0 }) }, ID)).toEqual({ outcome: "delivered", result: { reportId: ID, duplicate: true, counted: 0 } });
    expect(readUsageAnswer({ status: 400, text: json({ error: { code: "invalid_request", message: "too big" } }) }, ID)).toEqual({ outcome: "refused", message: "too big" });
  });
});
