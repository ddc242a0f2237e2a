// Test tooling: seeds a small tenant of a test's own while the running app keeps signing in to it.
import type { EmulatorControl, EmulatorState } from "./emulator-control";

/** The Graph permissions the demo's API and daemon apps hold, as docs/entra-setup.md asks for. */
export const LICENSEDESK_GRAPH_PERMISSIONS = [
  "User.ReadWrite.All",
  "GroupMember.Read.All",
  "Organization.Read.All",
];

/** A license in a seed: the product by part number. */
export interface SeedLicense {
  sku: string;
  disabledPlans?: string[];
}

export interface SeedUser {
  userPrincipalName: string;
  displayName: string;
  usageLocation: string | null;
  accountEnabled?: boolean;
  /** ISO date-time; null (the default) for a user who never signed in. */
  lastSignInDateTime?: string | null;
  groups?: string[];
  licenses?: SeedLicense[];
}

export interface SeedGroup {
  name: string;
  licenses?: SeedLicense[];
}

/** What the test brings; the tenant, its apps and the sign-in accounts are the running tenant's. */
export interface OwnTenant {
  skus: { partNumber: string; prepaid: number }[];
  groups?: SeedGroup[];
  users?: SeedUser[];
  /** When the seed's licenses were processed: every assignment state's lastUpdatedDateTime. */
  processedAt?: string;
}

/**
 * Replaces the directory with the test's products, groups and users, keeping the tenant id, the app
 * registrations (ids, secrets, scopes, roles) and the ready-made sign-in accounts, so tokens minted
 * for ADELE and the app's confidential client go on working.
 */
export async function seedOwnTenant(
  client: EmulatorControl,
  own: OwnTenant,
): Promise<EmulatorState> {
  const tenant = await client.tenant();
  const { spa, api, daemon } = tenant.apps;
  if (!spa || !api || !daemon) throw new Error("The running tenant lacks one of the three apps.");
  const scope = api.scope.slice(api.scope.lastIndexOf("/") + 1);
  return client.seed({
    tenant: {
      id: tenant.tenantId,
      displayName: tenant.displayName,
      defaultDomain: tenant.defaultDomain,
    },
    apps: [
      {
        appId: spa.clientId,
        displayName: spa.displayName,
        kind: "spa",
        redirectUris: spa.redirectUris,
      },
      {
        appId: api.clientId,
        displayName: api.displayName,
        kind: "api",
        secrets: api.clientSecret ? [api.clientSecret] : [],
        identifierUris: [api.identifierUri],
        scopes: [scope],
        appRoles: api.appRoles,
        graphDelegatedPermissions: LICENSEDESK_GRAPH_PERMISSIONS,
      },
      {
        appId: daemon.clientId,
        displayName: daemon.displayName,
        kind: "daemon",
        secrets: daemon.clientSecret ? [daemon.clientSecret] : [],
        graphApplicationPermissions: daemon.graphApplicationPermissions,
      },
    ],
    skus: own.skus,
    groups: own.groups ?? [],
    users: [
      ...tenant.accounts.map((account) => ({
        userPrincipalName: account.userPrincipalName,
        displayName: account.displayName,
        usageLocation: "US",
        password: account.password,
        directoryRoles: account.directoryRoles,
        appRoles: account.appRoles,
        listedForSignIn: true,
      })),
      ...(own.users ?? []),
    ],
    ...(own.processedAt ? { processedAt: own.processedAt } : {}),
  });
}
