import type { EmulatorState } from "../state";
import { DIRECTORY_ROLES, type AppRegistration, type User } from "../tenant/model";
import { identityEndpoints } from "./endpoints";

const firstOfKind = (state: EmulatorState, kind: AppRegistration["kind"]) =>
  state.tenant.apps.find((a) => a.kind === kind);

const directoryRoleNames = (user: User): string[] => {
  const byId = new Map<string, string>(
    Object.entries(DIRECTORY_ROLES).map(([name, id]) => [id, name]),
  );
  return user.directoryRoleIds.flatMap((id) => byId.get(id) ?? []);
};

/** What `GET /_emulator/tenant` answers: ids, endpoints, apps and ready-made accounts for tests and the README. */
export function describeTenant(state: EmulatorState) {
  const { tenant, config } = state;
  const spa = firstOfKind(state, "spa");
  const api = firstOfKind(state, "api");
  const daemon = firstOfKind(state, "daemon");
  const apiIdentifier = api?.identifierUris[0] ?? (api ? `api://${api.appId}` : undefined);
  return {
    tenantId: tenant.id,
    displayName: tenant.displayName,
    defaultDomain: tenant.defaultDomain,
    issuer: state.issuer,
    endpoints: identityEndpoints(config, tenant.id),
    graphBaseUrl: `${config.publicUrl}/v1.0`,
    apps: {
      spa: spa
        ? { clientId: spa.appId, displayName: spa.displayName, redirectUris: spa.redirectUris }
        : null,
      api: api
        ? {
            clientId: api.appId,
            displayName: api.displayName,
            identifierUri: apiIdentifier,
            scope: `${apiIdentifier}/${api.scopes[0]?.value ?? "access_as_user"}`,
            appRoles: api.appRoles.map((r) => ({ value: r.value, displayName: r.displayName })),
            clientSecret: api.secrets[0] ?? null,
          }
        : null,
      daemon: daemon
        ? {
            clientId: daemon.appId,
            displayName: daemon.displayName,
            clientSecret: daemon.secrets[0] ?? null,
            graphApplicationPermissions: daemon.graphApplicationPermissions,
          }
        : null,
    },
    accounts: tenant.users
      .filter((u) => u.listedForSignIn)
      .map((u) => ({
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        displayName: u.displayName,
        password: u.password,
        directoryRoles: directoryRoleNames(u),
        appRoles: api ? (u.appRoleAssignments[api.appId] ?? []) : [],
      })),
  };
}
