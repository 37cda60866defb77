import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { describeFields, notesOf, typeOf, type FieldRow } from "@/lib/api-v1/describe-fields";
import { buildOpenApiDocument } from "@/lib/api-v1/openapi";
import type { ApiOperation } from "@/lib/api-v1/operation";
import { operations } from "@/lib/api-v1/operations";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API" };

type JsonSchema = Record<string, unknown>;
interface Described {
  parameters?: Array<{ name: string; in: string; required: boolean; description?: string; schema: JsonSchema }>;
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { content?: { "application/json": { schema: JsonSchema } } }>;
}

const METHOD_COLORS: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  POST: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  PATCH: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  DELETE: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-200",
};

/** The /api/v1 reference, read from the same OpenAPI document /api/v1/openapi.json serves. */
export default async function ApiDocsPage() {
  await requirePermission("view");
  const document = buildOpenApiDocument();
  return (
    <div className="space-y-8">
      <PageHeader
        title="API"
        description={
          <>
            Send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> (see API tokens). Lists answer{" "}
            <code className="font-mono">{"{data, nextCursor}"}</code>; refusals answer <code className="font-mono">{"{error: {code, message, issues?}}"}</code>.
            Machine-readable: <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
          </>
        }
      />
      {(Object.values(operations) as ApiOperation[]).map((operation) => {
        const path = `/api/v1${operation.path}`;
        const described = (document.paths[path] as Record<string, Described>)[operation.method.toLowerCase()]!;
        const [status, success] = Object.entries(described.responses)[0]!;
        const response = success.content?.["application/json"].schema;
        return (
          <section key={`${operation.method} ${path}`} aria-label={`${operation.method} ${path}`} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <h2 className="flex flex-wrap items-center gap-3">
              <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold ${METHOD_COLORS[operation.method]}`}>{operation.method}</span>
              <code className="font-mono text-sm break-all">{path}</code>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">{operation.scope ? `scope: ${operation.scope}` : "public"}</span>
            </h2>
            <p className="mt-2 text-sm">{operation.summary}</p>
            {operation.description && <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{operation.description}</p>}
            {described.parameters && (
              <FieldTable
                caption="Parameters"
                rows={described.parameters.map((parameter) => ({ name: `${parameter.name} (${parameter.in})`, type: typeOf(parameter.schema), required: parameter.required, notes: notesOf({ ...parameter.schema, description: parameter.description }) }))}
              />
            )}
            {described.requestBody && <FieldTable caption="JSON body" rows={describeFields(described.requestBody.content["application/json"].schema)} />}
            <p className="mt-3 text-sm text-zinc-500 dark:text-zinc-400">
              Answers {status}
              {response ? ` with ${typeOf(response) === "object" ? "an object" : typeOf(response)}` : ", no body"}.
            </p>
            {response?.properties !== undefined && <FieldTable caption="Response" rows={describeFields(response)} />}
          </section>
        );
      })}
    </div>
  );
}

function FieldTable({ caption, rows }: { caption: string; rows: FieldRow[] }) {
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="text-left text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{caption}</caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th scope="col" className="py-1 pr-4 font-medium">Name</th>
            <th scope="col" className="py-1 pr-4 font-medium">Type</th>
            <th scope="col" className="py-1 pr-4 font-medium">Required</th>
            <th scope="col" className="py-1 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="border-b border-zinc-100 align-top dark:border-zinc-900">
              <td className="py-1 pr-4 font-mono text-xs">{row.name}</td>
              <td className="py-1 pr-4 font-mono text-xs break-all">{row.type}</td>
              <td className="py-1 pr-4">{row.required ? "yes" : "no"}</td>
              <td className="py-1 text-zinc-500 dark:text-zinc-400">{row.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
