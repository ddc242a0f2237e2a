import type { Handler } from "../http/types";
import { aad, aadError, isAadError, tokenErrorReply } from "./errors";
import { faultError, type OAuthFaultPoint } from "./faults";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { onBehalfOfGrant } from "./grants/on-behalf-of";
import { refreshTokenGrant } from "./grants/refresh-token";
import { resolveTenantPath } from "./tenant-path";
import { tokenForm, type GrantHandler } from "./token-request";

const GRANTS: Record<string, { point: OAuthFaultPoint; handle: GrantHandler }> = {
  authorization_code: { point: "authorizationCode", handle: authorizationCodeGrant },
  refresh_token: { point: "refreshToken", handle: refreshTokenGrant },
  client_credentials: { point: "clientCredentials", handle: clientCredentialsGrant },
  "urn:ietf:params:oauth:grant-type:jwt-bearer": { point: "onBehalfOf", handle: onBehalfOfGrant },
};

/** `POST /{t}/oauth2/v2.0/token`: dispatches by grant type; every failure is an Entra error body. */
export const token: Handler = async (req, state) => {
  if (!resolveTenantPath(state, req.params.tenant ?? "")) {
    return tokenErrorReply(req, aad.tenantNotFound(req.params.tenant ?? ""));
  }
  const form = tokenForm(req);
  const grantType = form.grant_type;
  if (!grantType) return tokenErrorReply(req, aad.missingParameter("grant_type"));
  const grant = GRANTS[grantType];
  if (!grant) {
    return tokenErrorReply(
      req,
      aadError(
        "unsupported_grant_type",
        70003,
        `The app requested an unsupported grant type '${grantType}'.`,
      ),
    );
  }
  const fault = state.identity.takeFault(grant.point);
  if (fault) return tokenErrorReply(req, faultError(fault, grant.point));
  const anyFault = state.identity.takeFault("token");
  if (anyFault) return tokenErrorReply(req, faultError(anyFault, "token"));
  const result = await grant.handle({ req, state, form });
  return isAadError(result) ? tokenErrorReply(req, result) : result;
};

/** Entra answers a GET on the token endpoint with an error, not a 405 page. */
export const tokenWrongMethod: Handler = (req) =>
  tokenErrorReply(
    req,
    aadError(
      "invalid_request",
      900561,
      `The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`,
    ),
  );
