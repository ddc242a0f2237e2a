import type { EmulatorRequest, Handler } from "../http/types";
import type { EmulatorState } from "../state";
import { aad } from "./errors";
import { errorPage, signedOutPage } from "./pages";
import { clearedSessionCookie, endCurrentSession } from "./sessions";
import { resolveTenantPath } from "./tenant-path";

function logoutParam(req: EmulatorRequest, name: string): string | undefined {
  const fromBody =
    req.body && typeof req.body === "object"
      ? (req.body as Record<string, unknown>)[name]
      : undefined;
  return typeof fromBody === "string" ? fromBody : (req.query.get(name) ?? undefined);
}

/** A post-logout URI must be registered: on the named client, or on any app when none is named. */
function isRegistered(state: EmulatorState, uri: string, clientId: string | undefined): boolean {
  const apps = clientId
    ? state.tenant.apps.filter((a) => a.appId.toLowerCase() === clientId.toLowerCase())
    : state.tenant.apps;
  return apps.some((a) => a.postLogoutRedirectUris.includes(uri));
}

/** `/{t}/oauth2/v2.0/logout`: ends the session, then back to a registered URI or a signed-out page. */
export const logout: Handler = (req, state) => {
  const path = resolveTenantPath(state, req.params.tenant ?? "");
  if (!path) return errorPage(req, aad.tenantNotFound(req.params.tenant ?? ""));
  endCurrentSession(req, state);
  const headers = { "set-cookie": clearedSessionCookie, "cache-control": "no-store, no-cache" };
  const target = logoutParam(req, "post_logout_redirect_uri");
  if (!target || !isRegistered(state, target, logoutParam(req, "client_id"))) {
    return signedOutPage(headers);
  }
  const returnState = logoutParam(req, "state");
  const location = returnState
    ? `${target}${target.includes("?") ? "&" : "?"}${new URLSearchParams({ state: returnState })}`
    : target;
  return { status: 302, headers: { ...headers, location } };
};
