import { ERROR_CODES, type ErrorCode } from "@leadpane/domain";
import type { z } from "zod";

// The codes are the domain's, shared with the extension; routes import them from here.
export { ERROR_CODES, type ErrorCode } from "@leadpane/domain";

/** One validation problem, as sent to clients. */
export interface IssueBody {
  path: Array<string | number>;
  message: string;
  code: string;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: IssueBody[] };
}

/** An expected failure with its HTTP status; thrown by handlers, rendered by `app.onError`. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IssueBody[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  /** The JSON body for this error. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

/** zod issues in the public shape (no input values echoed back). */
export function toIssues(error: z.ZodError): IssueBody[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map((p) => (typeof p === "number" ? p : String(p))),
    message: issue.message,
    code: issue.code,
  }));
}

/** A 404 that says the same thing whether the id exists in another workspace or nowhere. */
export function notFound(what: string): ApiError {
  return new ApiError(404, ERROR_CODES.notFound, `${what} not found`);
}
