import { describe, expect, it } from "vitest";
import { describeFields, typeOf } from "./describe-fields";

describe("describeFields", () => {
  it("lists an object's properties with their type, whether required and notes", () => {
    expect(
      describeFields({
        type: "object",
        properties: { name: { type: "string", minLength: 1, maxLength: 64 }, limit: { type: "integer", default: 50, description: "page size" } },
        required: ["name"],
      }),
    ).toEqual([
      { name: "name", type: "string", required: true, notes: "1–64" },
      { name: "limit", type: "integer", required: false, notes: "page size; default 50" },
    ]);
  });

  it("merges the variants of a union of objects: required only where every variant requires it", () => {
    const rows = describeFields({
      oneOf: [
        { type: "object", properties: { action: { const: "enable" }, ids: { type: "array", items: { type: "integer" } } }, required: ["action", "ids"] },
        { type: "object", properties: { action: { const: "extend" }, ids: { type: "array", items: { type: "integer" } }, days: { type: "integer" } }, required: ["action", "ids", "days"] },
      ],
    });
    expect(rows).toEqual([
      { name: "action", type: '"enable" | "extend"', required: true, notes: "" },
      { name: "ids", type: "array of integer", required: true, notes: "" },
      { name: "days", type: "integer", required: false, notes: "" },
    ]);
  });

  it.each([
    [{ anyOf: [{ type: "integer" }, { type: "null" }] }, "integer | null"],
    [{ enum: ["ws", "grpc"] }, '"ws" | "grpc"'],
    [{ type: "string", format: "date-time" }, "string (date-time)"],
    [{ $ref: "#/components/schemas/User" }, "User"],
    [{}, "any"],
  ])("reads %j as %s", (schema, expected) => {
    expect(typeOf(schema)).toBe(expected);
  });
});
