import { apiAppClaims, graphAppClaims, tokenTimes } from "../claims";
import { authenticateClient, requireConfidential } from "../client-auth";
import { aad, isAadError } from "../errors";
import { parseAppScope } from "../scopes";
import { tokenReply, type GrantHandler } from "../token-request";

/** `grant_type=client_credentials`: an app-only token for `{resource}/.default`. */
export const clientCredentialsGrant: GrantHandler = async (t) => {
  const client = authenticateClient(t);
  if (isAadError(client)) return client;
  const notConfidential = requireConfidential(client);
  if (notConfidential) return notConfidential;
  if (!t.form.scope) return aad.missingParameter("scope");
  const resource = parseAppScope(t.state.tenant, t.form.scope);
  if (isAadError(resource)) return resource;
  const lifetime = t.state.config.accessTokenLifetimeSeconds;
  const times = tokenTimes(lifetime);
  const claims =
    resource.kind === "graph"
      ? graphAppClaims(t.state, client, times)
      : apiAppClaims(t.state, resource.app, client, times);
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
