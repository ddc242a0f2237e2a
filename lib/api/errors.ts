import { z } from "zod";

/** Every error code the API answers with, and its HTTP status: the one table both sides read. */
export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  /** The on-behalf-of exchange needs the user to sign in again (MFA, changed password, revoked session). */
  interaction_required: 401,
  forbidden: 403,
  /** The tenant has not granted the API's Graph permissions; an administrator must consent. */
  consent_required: 403,
  not_found: 404,
  /** The request body is bigger than the route takes; nothing of it was acted on. */
  payload_too_large: 413,
  /** Microsoft Graph is throttling Licensedesk (the tenant's budget, shared by everyone). */
  throttled: 429,
  /** This admin has asked for more changes in a short time than Licensedesk takes from one person. */
  rate_limited: 429,
  internal_error: 500,
  upstream_error: 502,
  service_unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** The error object inside every error reply and the stream's error event. */
export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Only with `throttled` and `rate_limited`: how long to wait before asking again. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** Only with `interaction_required`: the claims challenge to pass to MSAL's interactive request. */
  claims: z.string().optional(),
});

export type ApiErrorDetail = z.infer<typeof apiErrorSchema>;

/** The only shape an error reply has: `{ "error": { "code", "message" } }`. */
export const apiErrorBodySchema = z.object({ error: apiErrorSchema });

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
