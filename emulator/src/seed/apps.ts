import type { AppRegistration } from "../tenant/model";
import { objectId } from "./ids";
import type { AppDescription } from "./schema";

export function buildApp(tenantId: string, app: AppDescription): AppRegistration {
  const appId = app.appId ?? objectId(tenantId, "app", app.displayName);
  return {
    appId,
    displayName: app.displayName,
    kind: app.kind,
    redirectUris: [...app.redirectUris],
    postLogoutRedirectUris: [...app.postLogoutRedirectUris],
    secrets: [...app.secrets],
    identifierUris: app.identifierUris ?? (app.kind === "api" ? [`api://${appId}`] : []),
    scopes: app.scopes.map((value) => ({ id: objectId(appId, "scope", value), value })),
    appRoles: app.appRoles.map((r) => ({
      id: objectId(appId, "approle", r.value),
      value: r.value,
      displayName: r.displayName,
      allowedMemberTypes: [...r.allowedMemberTypes],
    })),
    graphDelegatedPermissions: [...app.graphDelegatedPermissions],
    graphApplicationPermissions: [...app.graphApplicationPermissions],
    accessTokenVersion: app.accessTokenVersion,
  };
}
