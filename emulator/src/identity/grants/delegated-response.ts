import type { Reply } from "../../http/types";
import type { AppRegistration, User } from "../../tenant/model";
import { delegatedTokenClaims, idTokenClaims, tokenTimes } from "../claims";
import { isAadError, type AadError } from "../errors";
import { clientInfo } from "../principals";
import { grantDelegated, parseScopes, type DelegatedGrant } from "../scopes";
import { signInUser, tokenReply, type TokenRequest } from "../token-request";

/** A user grant the client has proven (a code, a refresh token or an assertion), ready to answer. */
export interface DelegatedIssue {
  client: AppRegistration;
  userId: string;
  /**
   * The scope the grant stands for: its OIDC scopes bring an id token (`openid`) and a refresh
   * token (`offline_access`), and a refresh token remembers it.
   */
  scope: string;
  /** This request's own scope when it may name another resource (a code redeemed for one). */
  resourceScope?: string;
  nonce?: string;
  sessionState?: string;
  /** Refresh grants always answer with a new refresh token. */
  alwaysRefreshToken?: boolean;
}

/** The user's delegated tokens for the resource asked for: user checks, scopes, then signing. */
export async function issueDelegatedTokens(
  t: TokenRequest,
  issue: DelegatedIssue,
): Promise<Reply | AadError> {
  const user = signInUser(t, issue.userId);
  if (isAadError(user)) return user;
  const granted = parseScopes(t.state.tenant, issue.scope);
  if (isAadError(granted)) return granted;
  const requested = issue.resourceScope
    ? parseScopes(t.state.tenant, issue.resourceScope)
    : granted;
  if (isAadError(requested)) return requested;
  const grant = grantDelegated(issue.client, requested);
  if (isAadError(grant)) return grant;
  return signDelegated(t, issue, user, grant, granted.oidc);
}

/** Signs the access token (and id and refresh tokens when asked for) for a user's delegated grant. */
async function signDelegated(
  t: TokenRequest,
  issue: DelegatedIssue,
  user: User,
  grant: DelegatedGrant,
  oidc: Set<string>,
): Promise<Reply> {
  const { state, form } = t;
  const { client } = issue;
  const lifetime = state.config.accessTokenLifetimeSeconds;
  const claims = delegatedTokenClaims(state, grant.resource, {
    user,
    client,
    scp: grant.scp,
    times: tokenTimes(lifetime),
  });
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: grant.responseScope,
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: await state.keys.sign(claims),
  };
  if (oidc.has("offline_access") || issue.alwaysRefreshToken) {
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
  if (oidc.has("openid")) {
    body.id_token = await state.keys.sign(
      idTokenClaims(state, { user, client, nonce: issue.nonce, sessionState: issue.sessionState }),
    );
  }
  if (form.client_info === "1") body.client_info = clientInfo(state.tenant, user);
  return tokenReply(t, body, { appId: client.appId, userId: user.id });
}
