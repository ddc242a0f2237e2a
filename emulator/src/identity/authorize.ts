import type { EmulatorRequest, Handler, Reply } from "../http/types";
import type { EmulatorState } from "../state";
import type { AppRegistration } from "../tenant/model";
import { parseAuthorizeRequest, type AuthorizeRequest } from "./authorize-request";
import { errorRedirect, redirectWith } from "./authorize-response";
import { aad, aadError } from "./errors";
import { faultError } from "./faults";
import { errorPage } from "./pages";
import { clientInfo, findUserByHint } from "./principals";
import { currentSession, type ActiveSession } from "./sessions";
import { signInPage, type SignInProblem } from "./sign-in-page";
import { resolveTenantPath } from "./tenant-path";

const loginRequired = () =>
  aadError(
    "login_required",
    50058,
    "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Microsoft Entra ID. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Microsoft Entra endpoint (login.microsoftonline.com).",
  );

const otherAccountRequired = () =>
  aadError(
    "interaction_required",
    16000,
    "SelectUserAccount - This is an interrupt thrown by Microsoft Entra ID, which results in UI that allows the user to select from among multiple valid SSO sessions.",
  );

/** Issues a code for the signed-in user and sends it to the redirect URI. */
export function completeAuthorization(
  state: EmulatorState,
  request: AuthorizeRequest,
  active: ActiveSession,
  headers: Record<string, string> = {},
): Reply {
  const { session, user } = active;
  const code = state.identity.issueCode({
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    userId: user.id,
    scope: request.scope,
    codeChallenge: request.codeChallenge,
    nonce: request.nonce,
    sessionState: session.state,
  });
  return redirectWith(
    request,
    {
      code: code.code,
      client_info: clientInfo(state.tenant, user),
      state: request.state,
      session_state: session.state,
    },
    headers,
  );
}

export interface SignInPrompt {
  pendingId: string;
  username?: string;
  problem?: SignInProblem;
}

/** Renders the sign-in page for a pending authorize request. */
export function showSignIn(
  state: EmulatorState,
  request: AuthorizeRequest,
  client: AppRegistration,
  prompt: SignInPrompt,
): Reply {
  return signInPage({
    tenant: state.tenant,
    client,
    pendingId: prompt.pendingId,
    action: `/${encodeURIComponent(request.tenantSegment)}/login`,
    redirectOrigin: new URL(request.redirectUri).origin,
    username: prompt.username,
    problem: prompt.problem,
  });
}

/** GET takes the query; POST (MSAL's `httpMethod: "POST"`) takes the form body. */
function authorizeParams(req: EmulatorRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  if (req.method === "POST" && req.body && typeof req.body === "object") {
    for (const [name, value] of Object.entries(req.body)) {
      if (typeof value === "string") params.set(name, value);
    }
  }
  return params;
}

/** `/{t}/oauth2/v2.0/authorize`: authorization code with PKCE, SSO by session cookie, prompt and login_hint. */
export const authorize: Handler = (req, state) => {
  const path = resolveTenantPath(state, req.params.tenant ?? "");
  if (!path) return errorPage(req, aad.tenantNotFound(req.params.tenant ?? ""));
  const parsed = parseAuthorizeRequest(path, authorizeParams(req));
  if (!parsed.ok) {
    return parsed.target
      ? errorRedirect(req, parsed.target, parsed.error)
      : errorPage(req, parsed.error);
  }
  const { request, client } = parsed;
  const active = currentSession(req, state);
  const hinted = request.loginHint ? findUserByHint(state.tenant, request.loginHint) : undefined;
  const sessionFitsHint = active && (!request.loginHint || hinted?.id === active.user.id);

  if (request.prompt === "none") {
    const fault = state.identity.takeFault("promptNone");
    if (fault) return errorRedirect(req, request, faultError(fault, "promptNone"));
    if (!active) return errorRedirect(req, request, loginRequired());
    if (!sessionFitsHint) return errorRedirect(req, request, otherAccountRequired());
    return completeAuthorization(state, request, active);
  }
  if (
    active &&
    sessionFitsHint &&
    request.prompt !== "login" &&
    request.prompt !== "select_account"
  ) {
    return completeAuthorization(state, request, active);
  }
  const pending = state.identity.savePending(request);
  return showSignIn(state, request, client, {
    pendingId: pending.id,
    // An opaque login_hint claim that matches nobody is not worth showing.
    username:
      hinted?.userPrincipalName ??
      (request.loginHint?.startsWith("O.") ? undefined : request.loginHint),
  });
};
