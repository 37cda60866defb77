import type { ListedUaRule } from "@/lib/settings/ua-rules";
import { UaRuleRow, type UaRuleActions } from "./ua-rule-row";

/** The User-Agent rules in the order /sub tries them. */
export function UaRulesTable({ rules, canManage, actions }: { rules: ListedUaRule[]; canManage: boolean; actions: UaRuleActions }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        <caption className="sr-only">User-Agent rules, first match wins</caption>
        <thead className="bg-zinc-100 text-left dark:bg-zinc-900">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              #
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              User-Agent starts with
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Format
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Note
            </th>
            {canManage && (
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {rules.length === 0 ? (
            <tr>
              <td colSpan={canManage ? 5 : 4} className="px-3 py-4 text-zinc-500">
                No rules: every client gets base64, and browsers the page.
              </td>
            </tr>
          ) : (
            rules.map((rule, index) => (
              <UaRuleRow key={rule.id} rule={rule} isFirst={index === 0} isLast={index === rules.length - 1} canManage={canManage} actions={actions} />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
