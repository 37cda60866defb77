import { AppError } from "@/lib/errors";

/** What an AppError thrown by `run` says (code, message, field issues); fails the test if nothing is thrown. */
export async function refusalOf(run: () => unknown): Promise<{ code: string; message: string; issues: AppError["details"]["issues"] }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, issues: error.details.issues };
    throw error;
  }
  throw new Error("expected an AppError, but nothing was thrown");
}

/** The same, for code that throws synchronously. */
export function syncRefusalOf(run: () => unknown): { code: string; message: string; issues: AppError["details"]["issues"] } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, issues: error.details.issues };
    throw error;
  }
  throw new Error("expected an AppError, but nothing was thrown");
}
