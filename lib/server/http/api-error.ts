import "server-only";
import { errorCodes, type ApiErrorBody, type ErrorCode } from "@/lib/api/errors";

/** An error the API answers on purpose, with a code from the shared table. */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

/** The one JSON error reply: `{ error: { code, message } }` with the status from the table. */
export function errorResponse(code: ErrorCode, message: string, headers?: HeadersInit): Response {
  const body: ApiErrorBody = { error: { code, message } };
  return Response.json(body, { status: errorCodes[code], headers });
}
