/** A plain table: a caption for screen readers, a note when there are no rows. */
export function DataTable({ caption, headings, rows, empty = "None yet." }: { caption: string; headings: string[]; rows: Array<{ key: number; cells: React.ReactNode[] }>; empty?: React.ReactNode }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <caption className="sr-only">{caption}</caption>
        <TableHead headings={headings} />
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) => (
                <td key={index} className="px-3 py-2 align-top">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The header row every table in the panel uses: one column heading per entry. */
export function TableHead({ headings, nowrap = false }: { headings: readonly string[]; nowrap?: boolean }) {
  return (
    <thead className="bg-zinc-100 text-left dark:bg-zinc-900">
      <tr>
        {headings.map((title, index) => (
          <th key={index} scope="col" className={`${nowrap ? "whitespace-nowrap " : ""}px-3 py-2 font-medium`}>
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}
