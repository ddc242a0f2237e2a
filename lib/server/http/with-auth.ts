import "server-only";
import { type AccessTokenClaims, verifyAccessToken } from "../auth/verify-access-token";
import { ConfigurationError } from "../configuration-error";
import { ApiError, errorResponse } from "./api-error";

export interface AuthedContext {
  request: Request;
  user: AccessTokenClaims;
}

const NO_STORE = { "cache-control": "no-store" };

function bearerToken(request: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match?.[1]) throw new ApiError("unauthorized", "The request carries no bearer token.");
  return match[1];
}

function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    // RFC 6750: a 401 tells the client which scheme to retry with.
    const headers = new Headers(NO_STORE);
    if (error.code === "unauthorized") headers.set("www-authenticate", "Bearer");
    return errorResponse(error.code, error.message, headers);
  }
  if (error instanceof ConfigurationError) {
    return errorResponse("service_unavailable", `${error.message} ${error.hint}`, NO_STORE);
  }
  const requestId = crypto.randomUUID();
  console.error(`[api] unhandled error, request id ${requestId}:`, error);
  return errorResponse(
    "internal_error",
    `Something went wrong on the server (request id ${requestId}).`,
    NO_STORE,
  );
}

/** Wraps a route handler: verifies the bearer token, runs the handler, maps every error to one shape. */
export function withAuth(handler: (context: AuthedContext) => Promise<Response> | Response) {
  return async (request: Request): Promise<Response> => {
    try {
      const user = await verifyAccessToken(bearerToken(request));
      const response = await handler({ request, user });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
