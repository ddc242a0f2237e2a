import { z } from "zod";
import { aadError, type AadError } from "./errors";

/**
 * One scripted identity failure, never at random: it answers the next `times` matching requests, or
 * with `untilCleared` every one until `DELETE /_emulator/identity/faults` or a reset.
 */
export const identityFaultSchema = z
  .object({
    /** OAuth error code, e.g. `invalid_grant`, `interaction_required`, `login_required`. */
    error: z.string().min(1).optional(),
    /** HTTP status; defaults from the error (429 when only retryAfter is given). */
    status: z.number().int().min(400).max(599).optional(),
    /** Seconds for the Retry-After header. */
    retryAfter: z.number().nonnegative().optional(),
    /** The AADSTS number; defaults from the error and the grant. */
    aadsts: z.number().int().positive().optional(),
    description: z.string().min(1).optional(),
    /** A claims challenge (JSON string), as Conditional Access sends with interaction_required. */
    claims: z.string().min(1).optional(),
    suberror: z.string().min(1).optional(),
    times: z.number().int().min(1).optional(),
    untilCleared: z.literal(true).optional(),
  })
  .strict()
  .refine((fault) => !(fault.untilCleared && fault.times !== undefined), {
    message: "give times or untilCleared, not both",
  })
  .transform((fault) => (fault.untilCleared ? fault : { ...fault, times: fault.times ?? 1 }));

/** A failing signing-key endpoint: an error status, a body that is not JSON, a slow answer or a dropped connection. */
export const jwksFaultSchema = z
  .object({
    status: z.number().int().min(400).max(599).optional(),
    /** Answer 200 with a body that does not parse as JSON. */
    malformed: z.literal(true).optional(),
    /** Answer only after this long (past a client's time-out). */
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** Destroy the connection instead of answering. */
    drop: z.literal(true).optional(),
    times: z.number().int().min(1).optional(),
    untilCleared: z.literal(true).optional(),
  })
  .strict()
  .refine((fault) => [fault.status, fault.malformed, fault.latencyMs, fault.drop].some(Boolean), {
    message: "a JWKS fault needs a status, malformed, latencyMs or drop",
  })
  .refine((fault) => !(fault.untilCleared && fault.times !== undefined), {
    message: "give times or untilCleared, not both",
  })
  .transform((fault) => (fault.untilCleared ? fault : { ...fault, times: fault.times ?? 1 }));

export const identityFaultsSchema = z
  .object({
    /** Any token request, checked after the grant-specific fault. */
    token: identityFaultSchema,
    authorizationCode: identityFaultSchema,
    refreshToken: identityFaultSchema,
    clientCredentials: identityFaultSchema,
    onBehalfOf: identityFaultSchema,
    /** Silent authorize requests (`prompt=none`), e.g. MSAL's hidden-iframe renewal. */
    promptNone: identityFaultSchema,
    /** The tenant's signing keys (`discovery/v2.0/keys` and `discovery/keys`). */
    jwks: jwksFaultSchema,
  })
  .partial()
  .strict();

export type IdentityFault = z.infer<typeof identityFaultSchema>;
export type JwksFault = z.infer<typeof jwksFaultSchema>;
export type IdentityFaults = z.infer<typeof identityFaultsSchema>;
/** Where a fault may be armed; all but `jwks` answer with an OAuth error. */
export type FaultPoint = keyof IdentityFaults;
export type OAuthFaultPoint = Exclude<FaultPoint, "jwks">;

interface FaultDefault {
  code: number;
  status: number;
  message: string;
}

const INVALID_GRANT: Partial<Record<OAuthFaultPoint, FaultDefault>> = {
  refreshToken: {
    code: 700082,
    status: 400,
    message:
      "The refresh token has expired due to inactivity. The token was issued on a date more than 90 days ago and was inactive for 90.00:00:00.",
  },
  onBehalfOf: { code: 50013, status: 400, message: "Assertion failed signature validation." },
  authorizationCode: {
    code: 70008,
    status: 400,
    message:
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  },
};

const BY_ERROR: Record<string, FaultDefault> = {
  invalid_grant: {
    code: 70000,
    status: 400,
    message:
      "The request was denied because one or more scopes requested are unauthorized or expired.",
  },
  interaction_required: {
    code: 50076,
    status: 400,
    message:
      "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
  },
  login_required: {
    code: 50058,
    status: 400,
    message: "A silent sign-in request was sent but no user is signed in.",
  },
  consent_required: {
    code: 65001,
    status: 400,
    message:
      "The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.",
  },
  invalid_client: {
    code: 7000215,
    status: 401,
    message:
      "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
  },
  temporarily_unavailable: {
    code: 90055,
    status: 429,
    message: "TenantThrottlingError - There are too many incoming requests. Try again later.",
  },
  server_error: {
    code: 50000,
    status: 500,
    message: "There was an error issuing a token or an issue with our sign-in service.",
  },
};

/** A Conditional Access claims challenge, as Entra attaches to interaction_required. */
const CLAIMS_CHALLENGE =
  '{"access_token":{"capolids":{"essential":true,"values":["c1f4e8d2-3b6a-4f09-8e7d-5a2b9c0d1e3f"]}}}';

function errorForStatus(status: number | undefined): string {
  if (status === undefined) return "invalid_grant";
  if (status === 429 || status === 503) return "temporarily_unavailable";
  if (status >= 500) return "server_error";
  return "invalid_request";
}

/** The Entra error an armed fault answers with; unspecified parts take Entra's usual values. */
export function faultError(fault: IdentityFault, point: OAuthFaultPoint): AadError {
  const error = fault.error ?? errorForStatus(fault.status);
  const base = (error === "invalid_grant" ? INVALID_GRANT[point] : undefined) ??
    BY_ERROR[error] ?? {
      code: 9002313,
      status: 400,
      message: "Invalid request. Request is malformed or invalid.",
    };
  return aadError(error, fault.aadsts ?? base.code, fault.description ?? base.message, {
    status: fault.status ?? base.status,
    retryAfter: fault.retryAfter,
    suberror: fault.suberror,
    claims: fault.claims ?? (error === "interaction_required" ? CLAIMS_CHALLENGE : undefined),
  });
}
