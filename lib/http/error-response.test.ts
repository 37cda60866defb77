import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./error-response";

describe("errorResponse", () => {
  it("maps an AppError to its status and the contract's error shape", async () => {
    const response = errorResponse(new AppError("too_soon", "try again in 7s", { retryAfterSeconds: 7 }));
    expect(response.status).toBe(409);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ error: { code: "too_soon", message: "try again in 7s", retryAfterSeconds: 7 } });
  });

  it("lists field issues of a validation error", async () => {
    const response = errorResponse(new AppError("invalid_request", "id: bad", { issues: [{ field: "id", message: "bad" }] }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: "id: bad", issues: [{ field: "id", message: "bad" }] } });
  });

  it("asks for a bearer token on 401", () => {
    expect(errorResponse(new AppError("unauthorized", "no token")).headers.get("www-authenticate")).toBe('Bearer realm="rotor"');
  });

  it("answers anything else with a generic 500 that leaks nothing", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(new Error("SQLITE_CORRUPT at /secret/path"));
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toBe('{"error":{"code":"internal","message":"internal error"}}');
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
