import type { DirectoryRoleName, Tenant } from "../tenant/model";
import { buildTenant } from "./build";
import { daysBefore, DEPARTMENTS, startOfDay } from "./demo-people";
import { DEMO_GROUPS, demoStaff, departmentGroup } from "./demo-staff";
import type { AppDescriptionInput, TenantDescriptionInput, UserDescriptionInput } from "./schema";

export const DEMO_TENANT_ID = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";
export const DEMO_DOMAIN = "contoso.onmicrosoft.com";
export const DEMO_PASSWORD = "Demo-Pass-2026!";
export const DEMO_SPA_APP_ID = "0b6d1f3a-7c2e-4a58-9e41-3f8d2c6a1b70";
export const DEMO_API_APP_ID = "7e4c2a91-5b3d-4f06-8a2c-9d1e6b4f3a85";
export const DEMO_DAEMON_APP_ID = "c3a85f2d-1e6b-4d97-b0f4-6a2e9c8d7b13";

const origins = [
  "http://localhost:3000",
  "http://127.0.0.1:3000",
  "http://localhost:3100",
  "http://127.0.0.1:3100",
];
// The last two are optional for the app (contacts holding an address, sign-ins of seat holders); the demo shows them.
const graphPermissions = [
  "User.ReadWrite.All",
  "GroupMember.Read.All",
  "Organization.Read.All",
  "OrgContact.Read.All",
  "AuditLog.Read.All",
];

export const demoApps: AppDescriptionInput[] = [
  {
    appId: DEMO_SPA_APP_ID,
    displayName: "Licensedesk web",
    kind: "spa",
    redirectUris: origins.map((o) => `${o}/redirect`),
    postLogoutRedirectUris: origins.map((o) => `${o}/`),
  },
  {
    appId: DEMO_API_APP_ID,
    displayName: "Licensedesk API",
    kind: "api",
    secrets: ["Qx48Q~api.Ld7kVn2Wc9Rb3Tz6Hy1Mp5Js8Gf0Ed4Ua"],
    scopes: ["access_as_user"],
    appRoles: [
      { value: "Licensedesk.Operator", displayName: "Licensedesk operator" },
      { value: "Licensedesk.Reader", displayName: "Licensedesk reader" },
    ],
    graphDelegatedPermissions: graphPermissions,
  },
  {
    appId: DEMO_DAEMON_APP_ID,
    displayName: "Licensedesk automation",
    kind: "daemon",
    secrets: ["Zr71Q~bot.Hn3Kd8Pw2Xs6Vq9Lc4Fm1Tb7Ry5Ge0Aj"],
    graphApplicationPermissions: graphPermissions,
  },
];

function account(
  name: string,
  jobTitle: string,
  department: string,
  directoryRoles: DirectoryRoleName[],
  appRoles: string[],
): UserDescriptionInput {
  const [givenName = name, surname = name] = name.split(" ");
  const upn = `${givenName}.${surname}@${DEMO_DOMAIN}`.toLowerCase();
  return {
    userPrincipalName: upn,
    displayName: name,
    givenName,
    surname,
    jobTitle,
    department,
    officeLocation: "Redmond",
    city: "Redmond",
    country: "United States",
    usageLocation: "US",
    groups: [departmentGroup(department), DEMO_GROUPS.allStaff],
    directoryRoles,
    appRoles,
    password: DEMO_PASSWORD,
    listedForSignIn: true,
    createdDateTime: "2019-01-07T09:00:00Z",
  };
}

/** The ready-made sign-in accounts, each with a different mix of admin and app roles. */
export const demoAccounts: UserDescriptionInput[] = [
  account("Adele Vance", "IT Helpdesk Lead", "IT", ["License Administrator"], []),
  account("Lee Gu", "Identity Administrator", "IT", ["User Administrator"], []),
  account("Nestor Wilke", "Director of IT", "IT", ["Global Administrator"], []),
  account("Megan Bowen", "Service Desk Analyst", "IT", [], ["Licensedesk.Operator"]),
  account("Isaiah Langer", "IT Auditor", "Finance", ["Global Reader"], ["Licensedesk.Reader"]),
  account("Alex Wilber", "Marketing Assistant", "Marketing", [], []),
];

/**
 * Contoso as a JSON tenant description: ~300 users, 15 groups, 8 products, ~40 users in error.
 * Sign-ins count back from the day of `asOf` (today by default), so the demo never goes stale.
 */
export function demoDescription(asOf: Date = new Date()): TenantDescriptionInput {
  const day = startOfDay(asOf);
  const taken = new Set(demoAccounts.map((a) => a.userPrincipalName.split("@")[0] ?? ""));
  // A real sign-in on the emulator's page overwrites these.
  const accounts = demoAccounts.map((a, i) => ({
    ...a,
    lastSignInDateTime: daysBefore(day, 1 + i),
  }));
  return {
    tenant: {
      id: DEMO_TENANT_ID,
      displayName: "Contoso",
      defaultDomain: DEMO_DOMAIN,
      countryLetterCode: "US",
    },
    apps: demoApps,
    skus: [
      { partNumber: "ENTERPRISEPACK", prepaid: 300 },
      { partNumber: "ENTERPRISEPREMIUM", prepaid: 15 },
      { partNumber: "EXCHANGESTANDARD", prepaid: 25 },
      { partNumber: "EXCHANGEARCHIVE_ADDON", prepaid: 50 },
      { partNumber: "POWER_BI_PRO", prepaid: 40 },
      { partNumber: "VISIOCLIENT", prepaid: 30 },
      { partNumber: "PROJECTPROFESSIONAL", prepaid: 12 },
      { partNumber: "MCOMEETADV", prepaid: 60 },
    ],
    groups: [
      ...DEPARTMENTS.map((d) => ({
        name: departmentGroup(d),
        description: `Everyone in ${d}.`,
        mailEnabled: true,
      })),
      {
        name: DEMO_GROUPS.allStaff,
        description: "Every employee gets Office 365 E3.",
        licenses: [{ sku: "ENTERPRISEPACK" }],
      },
      {
        name: DEMO_GROUPS.leadership,
        description: "Directors get Office 365 E5.",
        licenses: [{ sku: "ENTERPRISEPREMIUM" }],
      },
      {
        name: DEMO_GROUPS.archive,
        description: "Online archive for mailboxes that outgrow their quota.",
        licenses: [{ sku: "EXCHANGEARCHIVE_ADDON" }],
      },
      {
        name: DEMO_GROUPS.powerBi,
        description: "Report authors.",
        licenses: [{ sku: "POWER_BI_PRO" }],
      },
      { name: DEMO_GROUPS.visio, description: "Diagramming.", licenses: [{ sku: "VISIOCLIENT" }] },
      {
        name: DEMO_GROUPS.project,
        description: "Project managers.",
        licenses: [{ sku: "PROJECTPROFESSIONAL" }],
      },
      {
        name: DEMO_GROUPS.audio,
        description: "Dial-in numbers for Teams meetings.",
        licenses: [{ sku: "MCOMEETADV" }],
      },
    ],
    users: [...accounts, ...demoStaff(DEMO_DOMAIN, taken, day)],
  };
}

/** The seeded demo tenant (fixed ids: the same GUIDs on every build; sign-ins as of `asOf`'s day). */
export function buildDemoTenant(asOf?: Date): Tenant {
  return buildTenant(demoDescription(asOf));
}
