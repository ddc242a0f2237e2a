import { createHash } from "node:crypto";
import { authenticateClient } from "../client-auth";
import { aad, aadError, isAadError } from "../errors";
import type { GrantHandler } from "../token-request";
import { issueDelegatedTokens } from "./delegated-response";

const invalidCode = () =>
  aadError("invalid_grant", 70000, "The provided value for the 'code' parameter is not valid.");

const pkceMismatch = () =>
  aadError(
    "invalid_grant",
    50148,
    "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
  );

/** `grant_type=authorization_code`: single-use, ten-minute codes bound to client, redirect URI and PKCE. */
export const authorizationCodeGrant: GrantHandler = async (t) => {
  const client = authenticateClient(t, "cross-origin");
  if (isAadError(client)) return client;
  if (!t.form.code) return aad.missingParameter("code");
  const code = t.state.identity.code(t.form.code);
  if (!code || code.clientId !== client.appId) return invalidCode();
  if (code.redeemed) {
    return aadError(
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    );
  }
  if (code.expiresAt <= Date.now()) {
    return aadError(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    );
  }
  if (!t.form.redirect_uri) return aad.missingParameter("redirect_uri");
  if (t.form.redirect_uri !== code.redirectUri) {
    return aadError(
      "invalid_grant",
      500112,
      `The reply address '${t.form.redirect_uri}' does not match the reply address '${code.redirectUri}' provided when requesting Authorization code.`,
    );
  }
  const verifier = t.form.code_verifier;
  if (!verifier) return pkceMismatch();
  if (createHash("sha256").update(verifier).digest("base64url") !== code.codeChallenge) {
    return pkceMismatch();
  }
  code.redeemed = true;
  // The resource comes from this request's scope; id and refresh tokens from what was authorized.
  return issueDelegatedTokens(t, {
    client,
    userId: code.userId,
    scope: code.scope,
    resourceScope: t.form.scope,
    nonce: code.nonce,
    sessionState: code.sessionState,
  });
};
