import { authenticateClient } from "../client-auth";
import { aad, aadError, isAadError } from "../errors";
import type { GrantHandler } from "../token-request";
import { issueDelegatedTokens } from "./delegated-response";

/**
 * `grant_type=refresh_token`: any resource the client may reach for the same user (multi-resource),
 * answered with a new refresh token each time. Older ones stay valid until they expire, as in Entra.
 */
export const refreshTokenGrant: GrantHandler = async (t) => {
  const client = authenticateClient(t, "cross-origin");
  if (isAadError(client)) return client;
  if (!t.form.refresh_token) return aad.missingParameter("refresh_token");
  const record = t.state.identity.refreshToken(t.form.refresh_token);
  if (!record) return { ...aad.malformed(), error: "invalid_grant" };
  if (record.clientId !== client.appId) {
    return aadError(
      "invalid_grant",
      70000,
      "The provided value for the 'refresh_token' parameter is not valid. The refresh token was issued to a different client.",
    );
  }
  if (record.expiresAt <= Date.now()) {
    return aadError(
      "invalid_grant",
      700082,
      `The refresh token has expired due to inactivity. The token was issued on ${new Date(record.issuedAt).toISOString()} and was inactive for ${Math.round((record.expiresAt - record.issuedAt) / 1000)} seconds.`,
    );
  }
  return issueDelegatedTokens(t, {
    client,
    userId: record.userId,
    scope: t.form.scope || record.scope,
    sessionState: record.sessionState,
    alwaysRefreshToken: true,
  });
};
