/** Error codes and the HTTP status each maps to (DESIGN.md, Contract: Errors). */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_soon: 409,
  unprocessable: 422,
  rate_limited: 429,
  store_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A field-level problem, e.g. `{field: "port", message: "must be between 1 and 65535"}`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** An expected failure whose message is safe to show to the caller. */
export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { issues?: FieldIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
