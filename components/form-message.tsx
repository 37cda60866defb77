import type { ActionState } from "@/lib/admin/admin-action";

/** The outcome of a form's last submission, announced to screen readers. */
export function FormMessage({ state, success }: { state: ActionState | undefined; success?: string }) {
  if (!state?.message && !(state?.ok && success)) return null;
  const failed = !state.ok;
  return (
    <p
      role={failed ? "alert" : "status"}
      className={`rounded-md px-3 py-2 text-sm ${failed ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"}`}
    >
      {state.message ?? success}
    </p>
  );
}
