import "server-only";
import { errors, jwtVerify } from "jose";
import { z } from "zod";
import { type AuthSettings, getAuthSettings } from "../auth-config";
import { ApiError } from "../http/api-error";
import {
  createSigningKeySet,
  type SigningKeyTimings,
  SigningKeysUnavailableError,
} from "./signing-keys";

/** The delegated scope the Licensedesk API exposes; a user token without it may not call us. */
export const API_SCOPE_NAME = "access_as_user";

export interface TokenExpectations {
  issuer: string;
  /** The API's client id: v2 tokens carry the GUID, never `api://…`. */
  audience: string;
  tenantId: string;
  /** The one client (`azp`) whose tokens the API takes: the Licensedesk web app (SPA). */
  clientId: string;
  jwksUri: string;
}

/** The caller as a verified API access token describes them. */
export interface AccessTokenClaims {
  oid: string;
  tid: string;
  name: string | undefined;
  preferredUsername: string | undefined;
  scopes: string[];
  /** App roles of our API assigned to the user. */
  roles: string[];
  /** Directory role template ids. */
  wids: string[];
}

const claimsSchema = z.object({
  oid: z.string(),
  tid: z.string(),
  sub: z.string().optional(),
  ver: z.string().optional(),
  azp: z.string().optional(),
  idtyp: z.string().optional(),
  scp: z.string().optional(),
  roles: z.array(z.string()).default([]),
  wids: z.array(z.string()).default([]),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
});

const unauthorized = (message: string) => new ApiError("unauthorized", message);

function explainJoseError(error: errors.JOSEError): ApiError {
  if (error instanceof errors.JWTExpired) return unauthorized("The access token has expired.");
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthorized(
      `The access token's ${error.claim} claim is not acceptable (${error.reason}).`,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthorized("The access token's signature does not verify.");
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return unauthorized("The access token was signed with a key the tenant does not publish.");
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return unauthorized("The access token's signing algorithm is not accepted.");
  }
  return unauthorized("The access token is malformed.");
}

/**
 * Builds a verifier for one tenant and API; the same code serves Entra and the emulator. 401 when
 * the token is not one we accept, 403 when it is ours but does not let its holder act for a person.
 */
export function createAccessTokenVerifier(
  expected: TokenExpectations,
  keyTimings?: Partial<SigningKeyTimings>,
) {
  const signingKeys = createSigningKeySet(expected.jwksUri, keyTimings);
  return async function verify(token: string): Promise<AccessTokenClaims> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, signingKeys, {
        issuer: expected.issuer,
        audience: expected.audience,
        algorithms: ["RS256"],
        requiredClaims: ["exp", "nbf", "iat", "tid", "oid"],
        clockTolerance: 60,
      }));
    } catch (error) {
      if (error instanceof SigningKeysUnavailableError) {
        throw new ApiError("service_unavailable", error.message);
      }
      if (error instanceof errors.JOSEError) throw explainJoseError(error);
      throw error;
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw unauthorized("The access token's claims are malformed.");
    const { oid, sub, tid, ver, azp, idtyp, scp, roles, wids, name, preferred_username } =
      claims.data;
    if (tid !== expected.tenantId)
      throw unauthorized("The access token was issued for another tenant.");
    if (ver !== "2.0") throw unauthorized("Only v2.0 access tokens are accepted.");
    // Any app a user consents to can get a token for our API; only our web app's may be used here.
    if (azp !== expected.clientId) {
      throw unauthorized(
        `The access token was issued to another application (${azp ?? "none named"}); only the Licensedesk web app may call this API.`,
      );
    }
    // App-only tokens name the app's service principal as both oid and sub.
    if (idtyp === "app" || sub === oid) {
      throw new ApiError(
        "forbidden",
        "The access token is an application's own token (app-only); Licensedesk acts only for a signed-in person.",
      );
    }
    const scopes = scp?.split(" ").filter(Boolean) ?? [];
    if (!scopes.includes(API_SCOPE_NAME)) {
      throw new ApiError(
        "forbidden",
        `The access token does not carry the ${API_SCOPE_NAME} scope.`,
      );
    }
    return { oid, tid, name, preferredUsername: preferred_username, scopes, roles, wids };
  };
}

type Verifier = ReturnType<typeof createAccessTokenVerifier>;
// On globalThis: Next may load this module more than once, and each copy would fetch keys of its own.
const CURRENT = Symbol.for("licensedesk.access-token-verifier");
const holder = globalThis as { [CURRENT]?: { key: string; verify: Verifier } };

/** What the trusted identity platform's tokens for our API look like. */
export const tokenExpectations = (settings: AuthSettings): TokenExpectations => ({
  issuer: settings.issuer,
  audience: settings.apiClientId,
  tenantId: settings.tenantId,
  clientId: settings.spaClientId,
  jwksUri: settings.jwksUri,
});

/** Verifies an API access token against the configured tenant; 401 when invalid, 403 when not ours to use. */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  const expected = tokenExpectations(await getAuthSettings());
  const key = JSON.stringify(expected);
  // One verifier per tenant so the signing keys it fetched survive between requests.
  if (holder[CURRENT]?.key !== key) {
    holder[CURRENT] = { key, verify: createAccessTokenVerifier(expected) };
  }
  return holder[CURRENT].verify(token);
}
