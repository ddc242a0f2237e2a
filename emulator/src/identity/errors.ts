import { randomUUID } from "node:crypto";
import type { EmulatorRequest, Reply } from "../http/types";

/** An Entra error: the OAuth `error`, the AADSTS number and its text. */
export interface AadError {
  error: string;
  code: number;
  message: string;
  /** HTTP status at the token endpoint; 400 unless said otherwise. */
  status?: number;
  claims?: string;
  suberror?: string;
  retryAfter?: number;
}

export const aadError = (
  error: string,
  code: number,
  message: string,
  extra: Partial<AadError> = {},
): AadError => ({ error, code, message, ...extra });

export const isAadError = (value: unknown): value is AadError =>
  typeof value === "object" && value !== null && "code" in value && "error" in value;

/** Entra's timestamp format, e.g. `2026-11-29 21:50:28Z`. */
export const entraTimestamp = (date = new Date()): string =>
  `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;

/** The ids Entra prints under every error: the request's trace id and the caller's correlation id. */
export interface ErrorTrace {
  traceId: string;
  correlationId: string;
  timestamp: string;
}

export function errorTrace(req: EmulatorRequest): ErrorTrace {
  return {
    traceId: req.requestId,
    correlationId:
      req.headers["client-request-id"] ?? req.query.get("client-request-id") ?? randomUUID(),
    timestamp: entraTimestamp(),
  };
}

/** `AADSTSnnnnn: text` followed by the trace lines, as Entra writes error_description. */
export const describeError = (err: AadError, trace: ErrorTrace): string =>
  `AADSTS${err.code}: ${err.message} Trace ID: ${trace.traceId} Correlation ID: ${trace.correlationId} Timestamp: ${trace.timestamp}`;

/** A token-endpoint error body and status; never a stack trace. */
export function tokenErrorReply(req: EmulatorRequest, err: AadError): Reply {
  const trace = errorTrace(req);
  const headers: Record<string, string> = {
    "cache-control": "no-store, no-cache",
    pragma: "no-cache",
    "x-ms-request-id": trace.traceId,
    "client-request-id": trace.correlationId,
  };
  if (err.retryAfter !== undefined) headers["retry-after"] = String(err.retryAfter);
  return {
    status: err.status ?? 400,
    headers,
    body: {
      error: err.error,
      error_description: describeError(err, trace),
      error_codes: [err.code],
      timestamp: trace.timestamp,
      trace_id: trace.traceId,
      correlation_id: trace.correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
      ...(err.suberror ? { suberror: err.suberror } : {}),
      ...(err.claims ? { claims: err.claims } : {}),
    },
  };
}

/** The errors the emulator gives in more than one place, worded as Entra words them. */
export const aad = {
  missingParameter: (name: string) =>
    aadError(
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  malformed: () =>
    aadError("invalid_request", 9002313, "Invalid request. Request is malformed or invalid."),
  tenantNotFound: (segment: string) =>
    aadError(
      "invalid_tenant",
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  appNotFound: (clientId: string, tenantName: string) =>
    aadError(
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  redirectMismatch: (redirectUri: string, clientId: string) =>
    aadError(
      "invalid_request",
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  consentRequired: (clientId: string, displayName: string) =>
    aadError(
      "invalid_grant",
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${displayName}'. Send an interactive authorization request for this user and resource.`,
      { suberror: "consent_required" },
    ),
  userNotFound: (signInName: string, domain: string) =>
    aadError(
      "invalid_grant",
      50034,
      `The user account ${signInName} does not exist in the '${domain}' directory. To sign into this application, the account must be added to the directory.`,
    ),
  userDisabled: () =>
    aadError(
      "invalid_grant",
      50057,
      "The user account is disabled. The account has been disabled by an administrator.",
    ),
};
