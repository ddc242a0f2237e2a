import type { Reply } from "../../http/types";
import type { AppRegistration, User } from "../../tenant/model";
import { apiTokenClaims, graphDelegatedClaims, idTokenClaims, tokenTimes } from "../claims";
import { clientInfo } from "../principals";
import type { DelegatedGrant } from "../scopes";
import { tokenReply, type TokenRequest } from "../token-request";

export interface DelegatedIssue {
  client: AppRegistration;
  user: User;
  grant: DelegatedGrant;
  /** Lower-case OIDC scopes: `openid` brings an id token, `offline_access` a refresh token. */
  oidc: Set<string>;
  /** The scope string a refresh token remembers. */
  scope: string;
  nonce?: string;
  sessionState?: string;
  /** Refresh grants always answer with a new refresh token. */
  alwaysRefreshToken?: boolean;
}

/** Signs the access token (and id and refresh tokens when asked for) for a user's delegated grant. */
export async function delegatedTokenResponse(
  t: TokenRequest,
  issue: DelegatedIssue,
): Promise<Reply> {
  const { state, form } = t;
  const { client, user, grant } = issue;
  const lifetime = state.config.accessTokenLifetimeSeconds;
  const input = { user, client, scp: grant.scp, times: tokenTimes(lifetime) };
  const claims =
    grant.resource.kind === "api"
      ? apiTokenClaims(state, grant.resource.app, input)
      : graphDelegatedClaims(state, input);
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: grant.responseScope,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await state.keys.sign(claims),
  };
  if (issue.oidc.has("offline_access") || issue.alwaysRefreshToken) {
    const refreshLifetime = state.config.refreshTokenLifetimeSeconds;
    const record = state.identity.issueRefreshToken(
      {
        clientId: client.appId,
        userId: user.id,
        scope: issue.scope,
        sessionState: issue.sessionState,
      },
      refreshLifetime,
    );
    body.refresh_token = record.token;
    // Entra tells SPAs when their (non-sliding) refresh token ends.
    if (client.kind === "spa") body.refresh_token_expires_in = refreshLifetime;
  }
  if (issue.oidc.has("openid")) {
    body.id_token = await state.keys.sign(
      idTokenClaims(state, { user, client, nonce: issue.nonce, sessionState: issue.sessionState }),
    );
  }
  if (form.client_info === "1") body.client_info = clientInfo(state.tenant, user);
  return tokenReply(t, body, { appId: client.appId, userId: user.id });
}
