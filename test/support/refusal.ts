import { AppError } from "@/lib/errors";

type Refusal = { code: string; message: string } & AppError["details"];

function describe(error: AppError): Refusal {
  return { code: error.code, message: error.message, issues: error.details.issues, retryAfterSeconds: error.details.retryAfterSeconds };
}

/** What an AppError thrown by `run` says (code, message, field issues, retry delay); fails the test if nothing is thrown. */
export async function refusalOf(run: () => unknown): Promise<Refusal> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return describe(error);
    throw error;
  }
  throw new Error("expected an AppError, but nothing was thrown");
}

/** The same, for code that throws synchronously. */
export function syncRefusalOf(run: () => unknown): Refusal {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return describe(error);
    throw error;
  }
  throw new Error("expected an AppError, but nothing was thrown");
}
