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
