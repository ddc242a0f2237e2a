import type { AppRegistration, Tenant, User } from "../tenant/model";
import { DIRECTORY_ROLES, type DirectoryRoleName } from "../tenant/model";
import { objectId } from "./ids";

const TENANT_ID = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";
const DOMAIN = "contoso.onmicrosoft.com";
const PASSWORD = "Demo-Pass-2026!";
const CREATED = "2024-03-04T09:00:00Z";

export const DEMO_SPA_APP_ID = "0b6d1f3a-7c2e-4a58-9e41-3f8d2c6a1b70";
export const DEMO_API_APP_ID = "7e4c2a91-5b3d-4f06-8a2c-9d1e6b4f3a85";
export const DEMO_DAEMON_APP_ID = "c3a85f2d-1e6b-4d97-b0f4-6a2e9c8d7b13";

const origins = [
  "http://localhost:3000",
  "http://127.0.0.1:3000",
  "http://localhost:3100",
  "http://127.0.0.1:3100",
];
const graphPermissions = ["User.ReadWrite.All", "GroupMember.Read.All", "Organization.Read.All"];

const demoApps: AppRegistration[] = [
  {
    appId: DEMO_SPA_APP_ID,
    displayName: "Licensedesk web",
    kind: "spa",
    redirectUris: origins.map((o) => `${o}/redirect`),
    postLogoutRedirectUris: origins.map((o) => `${o}/`),
    secrets: [],
    identifierUris: [],
    scopes: [],
    appRoles: [],
    graphDelegatedPermissions: [],
    graphApplicationPermissions: [],
    accessTokenVersion: 2,
  },
  {
    appId: DEMO_API_APP_ID,
    displayName: "Licensedesk API",
    kind: "api",
    redirectUris: [],
    postLogoutRedirectUris: [],
    secrets: ["Qx48Q~api.Ld7kVn2Wc9Rb3Tz6Hy1Mp5Js8Gf0Ed4Ua"],
    identifierUris: [`api://${DEMO_API_APP_ID}`],
    scopes: [{ id: "a1f3c5e7-9b2d-4f6a-8c0e-2d4f6a8b0c1e", value: "access_as_user" }],
    appRoles: [
      {
        id: "d2e4f6a8-0b1c-4d3e-9f5a-7b9c1d3e5f70",
        value: "Licensedesk.Operator",
        displayName: "Licensedesk operator",
        allowedMemberTypes: ["User"],
      },
      {
        id: "e3f5a7b9-1c2d-4e4f-8a6b-8c0d2e4f6a81",
        value: "Licensedesk.Reader",
        displayName: "Licensedesk reader",
        allowedMemberTypes: ["User"],
      },
    ],
    graphDelegatedPermissions: graphPermissions,
    graphApplicationPermissions: [],
    accessTokenVersion: 2,
  },
  {
    appId: DEMO_DAEMON_APP_ID,
    displayName: "Licensedesk automation",
    kind: "daemon",
    redirectUris: [],
    postLogoutRedirectUris: [],
    secrets: ["Zr71Q~bot.Hn3Kd8Pw2Xs6Vq9Lc4Fm1Tb7Ry5Ge0Aj"],
    identifierUris: [],
    scopes: [],
    appRoles: [],
    graphDelegatedPermissions: [],
    graphApplicationPermissions: graphPermissions,
    accessTokenVersion: 2,
  },
];

interface Account {
  given: string;
  surname: string;
  jobTitle: string;
  department: string;
  roles: DirectoryRoleName[];
  appRoles: string[];
}

const accounts: Account[] = [
  {
    given: "Adele",
    surname: "Vance",
    jobTitle: "IT Helpdesk Lead",
    department: "IT",
    roles: ["License Administrator"],
    appRoles: [],
  },
  {
    given: "Lee",
    surname: "Gu",
    jobTitle: "Identity Administrator",
    department: "IT",
    roles: ["User Administrator"],
    appRoles: [],
  },
  {
    given: "Nestor",
    surname: "Wilke",
    jobTitle: "Director of IT",
    department: "IT",
    roles: ["Global Administrator"],
    appRoles: [],
  },
  {
    given: "Megan",
    surname: "Bowen",
    jobTitle: "Service Desk Analyst",
    department: "IT",
    roles: [],
    appRoles: ["Licensedesk.Operator"],
  },
  {
    given: "Isaiah",
    surname: "Langer",
    jobTitle: "IT Auditor",
    department: "Finance",
    roles: ["Global Reader"],
    appRoles: ["Licensedesk.Reader"],
  },
  {
    given: "Alex",
    surname: "Wilber",
    jobTitle: "Marketing Assistant",
    department: "Marketing",
    roles: [],
    appRoles: [],
  },
];

function accountUser(a: Account): User {
  const upn = `${a.given}.${a.surname}@${DOMAIN}`.toLowerCase();
  return {
    id: objectId(TENANT_ID, "user", upn),
    userPrincipalName: upn,
    displayName: `${a.given} ${a.surname}`,
    givenName: a.given,
    surname: a.surname,
    mail: upn,
    jobTitle: a.jobTitle,
    department: a.department,
    officeLocation: "Redmond",
    city: "Redmond",
    country: "United States",
    accountEnabled: true,
    usageLocation: "US",
    proxyAddresses: [`SMTP:${upn}`],
    createdDateTime: CREATED,
    password: PASSWORD,
    directoryRoleIds: a.roles.map((r) => DIRECTORY_ROLES[r]),
    appRoleAssignments: a.appRoles.length > 0 ? { [DEMO_API_APP_ID]: a.appRoles } : {},
    directLicenses: [],
    listedForSignIn: true,
    blockedForOtherReason: false,
    licenseAssignmentStates: [],
    assignedLicenses: [],
    assignedPlans: [],
  };
}

/** The seeded demo tenant. */
export function buildDemoTenant(): Tenant {
  return {
    id: TENANT_ID,
    displayName: "Contoso",
    defaultDomain: DOMAIN,
    countryLetterCode: "US",
    apps: structuredClone(demoApps),
    skus: [],
    groups: [],
    users: accounts.map(accountUser),
  };
}
