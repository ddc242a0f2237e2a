import { errors as joseErrors, type JWTPayload } from "jose";
import type { AppRegistration, Tenant } from "../../tenant/model";
import { authenticateClient } from "../client-auth";
import { v1Issuer, v2Issuer } from "../endpoints";
import { aad, aadError, isAadError, type AadError } from "../errors";
import type { GrantHandler, TokenRequest } from "../token-request";
import { issueDelegatedTokens } from "./delegated-response";

const badAssertion = (reason: string) =>
  aadError("invalid_grant", 50013, `Assertion failed signature validation. [Reason - ${reason}]`);

const outOfTime = () =>
  aadError(
    "invalid_grant",
    500133,
    "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.",
  );

/** Signature (tenant key, RS256), exp and nbf, as Entra checks a user assertion. */
async function verifyAssertion(t: TokenRequest, assertion: string): Promise<JWTPayload | AadError> {
  try {
    return await t.state.keys.verify(assertion);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return outOfTime();
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf")
      return outOfTime();
    if (error instanceof joseErrors.JWTClaimValidationFailed)
      return badAssertion(`The '${error.claim}' claim is missing or invalid.`);
    return badAssertion("The key was not found or the signature did not match.");
  }
}

/** The assertion must be a user token issued by this tenant to the calling API. */
function checkAssertionClaims(
  t: TokenRequest,
  tenant: Tenant,
  api: AppRegistration,
  claims: JWTPayload,
): AadError | undefined {
  const audiences = [api.appId, ...api.identifierUris].map((a) => a.toLowerCase());
  const aud = typeof claims.aud === "string" ? claims.aud : "";
  if (!audiences.includes(aud.toLowerCase())) {
    return aadError(
      "invalid_grant",
      50013,
      `Assertion audience claim does not match the required value. The audience in the assertion was '${aud}' and the expected audience is '${api.appId}' or one of the Application Ids of the application '${api.displayName}' (${api.appId}).`,
    );
  }
  const issuers = [v2Issuer(t.state.config, tenant.id), v1Issuer(tenant.id)];
  if (claims.tid !== tenant.id || !issuers.includes(String(claims.iss))) {
    return badAssertion(`The assertion was not issued by tenant '${tenant.id}'.`);
  }
  if (typeof claims.scp !== "string" || typeof claims.oid !== "string") {
    return badAssertion("The assertion is not a delegated user token.");
  }
  return undefined;
}

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` with `requested_token_use=on_behalf_of`:
 * the calling API trades the user's token for one to a downstream resource, usually Graph.
 */
export const onBehalfOfGrant: GrantHandler = async (t) => {
  if (t.form.requested_token_use !== "on_behalf_of")
    return aad.missingParameter("requested_token_use");
  const client = authenticateClient(t, "confidential");
  if (isAadError(client)) return client;
  if (!t.form.assertion) return aad.missingParameter("assertion");
  if (!t.form.scope) return aad.missingParameter("scope");
  const claims = await verifyAssertion(t, t.form.assertion);
  if (isAadError(claims)) return claims;
  const invalid = checkAssertionClaims(t, t.state.tenant, client, claims);
  if (invalid) return invalid;
  return issueDelegatedTokens(t, { client, userId: String(claims.oid), scope: t.form.scope });
};
