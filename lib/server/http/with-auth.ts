import "server-only";
import type { z } from "zod";
import { type Access, accessDenial } from "../auth/roles";
import { getServerEnv } from "../env";
import { type AccessTokenClaims, verifyAccessToken } from "../auth/verify-access-token";
import { ConfigurationError } from "../configuration-error";
import { spendAdminChange } from "./admin-change-limit";
import { ApiError, errorResponse } from "./api-error";
import { parseInput, parseJsonBody, parseQuery } from "./parse-input";
import { DEFAULT_MAX_BODY_BYTES } from "./read-body";

/** Who is calling: the verified claims and the raw token, which is the on-behalf-of assertion. */
export interface Caller {
  user: AccessTokenClaims;
  /** Kept on the server: exchanged for a Graph token, never echoed to the browser. */
  accessToken: string;
}

/** What a route takes, each part validated before the handler runs (400, or 413 for a big body). */
export interface RouteOptions<
  PS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
> {
  access: Access;
  /** The dynamic segments, e.g. `{ id }`. */
  params?: PS;
  /** The query string; each name at most once. */
  query?: QS;
  /** The JSON body. */
  body?: BS;
  /** The largest body read; DEFAULT_MAX_BODY_BYTES unless the route needs more. */
  maxBodyBytes?: number;
}

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface AuthedContext<PS, QS, BS> {
  request: Request;
  caller: Caller;
  params: Parsed<PS>;
  query: Parsed<QS>;
  body: Parsed<BS>;
}

/** What Next passes as the second argument of a route handler; the params are parsed, so any shape. */
export interface RouteSegments {
  params: Promise<unknown>;
}

const NO_STORE = { "cache-control": "no-store" };
/** Methods that change something; each spends one of the caller's changes (see admin-change-limit). */
const CHANGING_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function bearerToken(request: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match?.[1]) throw new ApiError("unauthorized", "The request carries no bearer token.");
  return match[1];
}

/** Verifies a token (401) and that its holder may use `access` (403); long streams call it again. */
export async function verifyCaller(accessToken: string, access: Access): Promise<Caller> {
  const user = await verifyAccessToken(accessToken);
  const denial = accessDenial(user, access, getServerEnv().graphMode);
  if (denial) throw new ApiError("forbidden", denial);
  return { user, accessToken };
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
 * Wraps a route handler: verifies the bearer token (401) and the caller's role for `access` (403),
 * validates params, query and body (400, 413), spends one of the caller's changes on a method that
 * changes something (429), runs the handler and maps every error to one shape. Bad input is refused
 * before it costs the caller a change or writes anything.
 */
export function withAuth<
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
>(
  options: RouteOptions<PS, QS, BS>,
  handler: (context: AuthedContext<PS, QS, BS>) => Promise<Response> | Response,
) {
  const { access, params: paramsSchema, query: querySchema, body: bodySchema } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (request: Request, segments?: RouteSegments): Promise<Response> => {
    try {
      const caller = await verifyCaller(bearerToken(request), access);
      const params = paramsSchema && parseInput(paramsSchema, await segments?.params);
      const query = querySchema && parseQuery(request, querySchema);
      const body = bodySchema && (await parseJsonBody(request, bodySchema, maxBodyBytes));
      if (CHANGING_METHODS.has(request.method)) await spendAdminChange(caller);
      const response = await handler({
        request,
        caller,
        params: params as Parsed<PS>,
        query: query as Parsed<QS>,
        body: body as Parsed<BS>,
      });
      response.headers.set("cache-control", "no-store");
      return response;
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
