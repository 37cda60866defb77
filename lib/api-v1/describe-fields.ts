type JsonSchema = Record<string, unknown>;

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  notes: string;
}

/**
 * The fields of an object JSON Schema as rows for the docs page. A union of objects (the bulk
 * body) is merged: a field is required when every variant requires it.
 */
export function describeFields(schema: JsonSchema): FieldRow[] {
  const variants = ((schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined)?.filter((variant) => variant.type === "object") ?? [schema];
  const rows = new Map<string, { types: Set<string>; requiredIn: number; notes: string }>();
  for (const variant of variants) {
    const required = (variant.required as string[] | undefined) ?? [];
    for (const [name, property] of Object.entries((variant.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      const row = rows.get(name) ?? { types: new Set<string>(), requiredIn: 0, notes: notesOf(property) };
      row.types.add(typeOf(property));
      if (required.includes(name)) row.requiredIn += 1;
      rows.set(name, row);
    }
  }
  return [...rows].map(([name, row]) => ({ name, type: [...row.types].join(" | "), required: row.requiredIn === variants.length, notes: row.notes }));
}

/** A short reading of a JSON Schema's type: `string`, `integer | null`, `"a" | "b"`, `array of integer`. */
export function typeOf(schema: JsonSchema): string {
  if ("const" in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return [...new Set(union.map(typeOf))].join(" | ");
  if (typeof schema.$ref === "string") return schema.$ref.split("/").at(-1) ?? "object";
  if (schema.type === "array") return `array of ${typeOf((schema.items as JsonSchema | undefined) ?? {})}`;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (typeof schema.type === "string") return schema.format ? `${schema.type} (${String(schema.format)})` : schema.type;
  return "any";
}

/** Description, default and range of a field, in a few words. */
export function notesOf(schema: JsonSchema): string {
  const notes: string[] = [];
  if (typeof schema.description === "string") notes.push(schema.description);
  if ("default" in schema) notes.push(`default ${JSON.stringify(schema.default)}`);
  const [min, max] = [schema.minimum ?? schema.minLength ?? schema.minItems, schema.maximum ?? schema.maxLength ?? schema.maxItems];
  if (typeof max === "number" && max < Number.MAX_SAFE_INTEGER) notes.push(`${typeof min === "number" ? `${min}–` : "at most "}${max}`);
  return notes.join("; ");
}
