import "server-only";
import { unstable_rethrow } from "next/navigation";
import { can, type Permission } from "@/lib/auth/roles";
import { currentAdmin, type SignedInAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** What a server action tells its form (read with useActionState). */
export interface ActionState {
  ok?: boolean;
  message?: string;
  /** Field name → first problem, shown beside the field. */
  fieldErrors?: Record<string, string>;
  /** A value shown exactly once, such as a new token (only its hash is stored). */
  secret?: string;
}

/**
 * Runs a server action for a signed-in admin whose role grants `permission`, checked on the
 * server every time (a hidden button is no protection). Expected failures (AppError) become a
 * message and field errors for the form; anything else is logged and answered generically.
 */
export async function adminAction(
  permission: Permission,
  run: (admin: SignedInAdmin) => Promise<ActionState | void> | ActionState | void,
): Promise<ActionState> {
  const admin = await currentAdmin();
  if (!admin) return { message: "Your session has ended. Sign in again." };
  if (!can(admin.role, permission)) return { message: `Your role (${admin.role}) may not do this.` };
  try {
    return (await run(admin)) ?? { ok: true };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are thrown on purpose
    if (error instanceof AppError) {
      const issues = error.details.issues ?? [];
      const fieldErrors = Object.fromEntries(issues.map((issue) => [issue.field, issue.message]));
      // Each problem is shown beside its field; the summary only points there.
      const summary = issues.length === 1 ? "One field needs attention; see the message beside it." : `${issues.length} fields need attention; see the messages beside them.`;
      return { message: issues.length > 0 ? summary : error.message, fieldErrors };
    }
    log.error("admin action failed", { error: error instanceof Error ? error.message : String(error) });
    return { message: "Something went wrong. Try again." };
  }
}
