import type { Handler } from "../http/types";
import { completeAuthorization, showSignIn } from "./authorize";
import { aad, aadError } from "./errors";
import { errorPage } from "./pages";
import { findUserByHint } from "./principals";
import { sessionCookie } from "./sessions";
import type { SignInProblem } from "./sign-in-page";
import { resolveTenantPath } from "./tenant-path";

const field = (body: unknown, name: string): string | undefined => {
  if (!body || typeof body !== "object") return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
};

const problem = (summary: string, code?: number, message?: string): SignInProblem => ({
  summary,
  detail: code ? `AADSTS${code}: ${message}` : undefined,
});

const staleRequest = () =>
  aadError(
    "invalid_request",
    9002313,
    "Invalid request. The sign-in request expired or was already used. Go back to the application and sign in again.",
  );

/**
 * `POST /{t}/login`: the sign-in form. The form carries only the pending request's id;
 * the redirect URI and everything else come from the server-side copy.
 */
export const signIn: Handler = (req, state) => {
  const path = resolveTenantPath(state, req.params.tenant ?? "");
  if (!path) return errorPage(req, aad.tenantNotFound(req.params.tenant ?? ""));
  const pending = state.identity.pendingSignIn(field(req.body, "ctx") ?? "");
  if (!pending) return errorPage(req, staleRequest());
  const { request } = pending;
  const client = state.tenant.apps.find((a) => a.appId === request.clientId);
  if (!client) return errorPage(req, aad.appNotFound(request.clientId, state.tenant.displayName));
  const again = (username: string, trouble?: SignInProblem) =>
    showSignIn(state, request, client, { pendingId: pending.id, username, problem: trouble });

  const picked = field(req.body, "pick");
  if (picked !== undefined) return again(picked);

  const login = (field(req.body, "login") ?? "").trim();
  const password = field(req.body, "passwd") ?? "";
  if (login.length === 0)
    return again(login, problem("Enter a valid email address, phone number, or Skype name."));
  const user = findUserByHint(state.tenant, login);
  if (!user || login.startsWith("O.")) {
    const err = aad.userNotFound(login, state.tenant.defaultDomain);
    return again(
      login,
      problem("We couldn't find an account with that username.", err.code, err.message),
    );
  }
  if (!user.accountEnabled) {
    const err = aad.userDisabled();
    return again(
      login,
      problem(
        "Your account has been locked. Contact your support person to unlock it.",
        err.code,
        err.message,
      ),
    );
  }
  if (password.length === 0) return again(login, problem("Please enter your password."));
  if (password !== user.password) {
    return again(
      login,
      problem(
        "Your account or password is incorrect.",
        50126,
        "Error validating credentials due to invalid username or password.",
      ),
    );
  }
  state.identity.finishPending(pending.id);
  // Graph's signInActivity shows it, in whole seconds as Graph writes date-times.
  user.lastSignInDateTime = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const session = state.identity.createSession(user.id);
  return completeAuthorization(
    state,
    request,
    { session, user },
    { "set-cookie": sessionCookie(session) },
  );
};
