import { appTokenClaims, tokenTimes } from "../claims";
import { authenticateClient } from "../client-auth";
import { aad, isAadError } from "../errors";
import { parseAppScope } from "../scopes";
import { tokenReply, type GrantHandler } from "../token-request";

/** `grant_type=client_credentials`: an app-only token for `{resource}/.default`. */
export const clientCredentialsGrant: GrantHandler = async (t) => {
  const client = authenticateClient(t, "confidential");
  if (isAadError(client)) return client;
  if (!t.form.scope) return aad.missingParameter("scope");
  const resource = parseAppScope(t.state.tenant, t.form.scope);
  if (isAadError(resource)) return resource;
  const lifetime = t.state.config.accessTokenLifetimeSeconds;
  const claims = appTokenClaims(t.state, resource, client, tokenTimes(lifetime));
  return tokenReply(
    t,
    {
      token_type: "Bearer",
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: await t.state.keys.sign(claims),
    },
    { appId: client.appId },
  );
};
