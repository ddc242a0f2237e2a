import "server-only";
import { type ErrorCode, errorCodes } from "@/lib/api/error-codes";
import type { ApiErrorBody } from "@/lib/api/errors";

/** Optional parts of an error the client can act on. */
export interface ApiErrorDetails {
  /** With `throttled` or `rate_limited`: seconds until asking again may succeed. */
  retryAfterSeconds?: number;
  /** With `interaction_required`: the claims challenge for MSAL's interactive request. */
  claims?: string;
}

/** An error the API answers on purpose, with a code from the shared table. */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
  }

  get status(): number {
    return errorCodes[this.code];
  }

  /** The `error` object of the reply body and of the stream's error event. */
  toJSON(): ApiErrorBody["error"] {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** The one JSON error reply: `{ error: { code, message } }` with the status from the table. */
export function errorResponse(
  error: ApiError | { code: ErrorCode; message: string },
  headers?: HeadersInit,
): Response {
  const body: ApiErrorBody = {
    error:
      error instanceof ApiError ? error.toJSON() : { code: error.code, message: error.message },
  };
  const replyHeaders = new Headers(headers);
  if (error instanceof ApiError && error.details.retryAfterSeconds !== undefined) {
    replyHeaders.set("retry-after", String(Math.ceil(error.details.retryAfterSeconds)));
  }
  return Response.json(body, { status: errorCodes[error.code], headers: replyHeaders });
}
