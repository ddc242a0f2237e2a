import "server-only";
import { type Access, accessDenial } from "../auth/roles";
import { getServerEnv } from "../env";
import { type AccessTokenClaims, verifyAccessToken } from "../auth/verify-access-token";
import { ConfigurationError } from "../configuration-error";
import { ApiError, errorResponse } from "./api-error";

/** Who is calling: the verified claims and the raw token, which is the on-behalf-of assertion. */
export interface Caller {
  user: AccessTokenClaims;
  /** Kept on the server: exchanged for a Graph token, never echoed to the browser. */
  accessToken: string;
}

export interface AuthedContext<P> {
  request: Request;
  caller: Caller;
  /** The dynamic route segments, unvalidated: parse them with the route's zod schema. */
  params: P;
}

/** What Next passes as the second argument of a route handler. */
export interface RouteSegments<P> {
  params: Promise<P>;
}

const NO_STORE = { "cache-control": "no-store" };

function bearerToken(request: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match?.[1]) throw new ApiError("unauthorized", "The request carries no bearer token.");
  return match[1];
}

/** Maps anything a handler throws to the one error shape; unknown errors get a request id in the log. */
export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    const headers = new Headers(NO_STORE);
    // RFC 6750: a 401 tells the client which scheme to retry with.
    if (error.status === 401) headers.set("www-authenticate", "Bearer");
    return errorResponse(error, headers);
  }
  if (error instanceof ConfigurationError) {
    return errorResponse(
      { code: "service_unavailable", message: `${error.message} ${error.hint}` },
      NO_STORE,
    );
  }
  const requestId = crypto.randomUUID();
  console.error(`[api] unhandled error, request id ${requestId}:`, error);
  return errorResponse(
    {
      code: "internal_error",
      message: `Something went wrong on the server (request id ${requestId}).`,
    },
    NO_STORE,
  );
}

/**
 * Wraps a route handler: verifies the bearer token (401), checks the caller's role for `access`
 * (403), runs the handler and maps every error to one shape.
 */
export function withAuth<P = Record<string, never>>(
  access: Access,
  handler: (context: AuthedContext<P>) => Promise<Response> | Response,
) {
  return async (request: Request, segments?: RouteSegments<P>): Promise<Response> => {
    try {
      const accessToken = bearerToken(request);
      const user = await verifyAccessToken(accessToken);
      const denial = accessDenial(user, access, getServerEnv().graphMode);
      if (denial) throw new ApiError("forbidden", denial);
      const params = ((await segments?.params) ?? {}) as P;
      const response = await handler({ request, caller: { user, accessToken }, params });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
