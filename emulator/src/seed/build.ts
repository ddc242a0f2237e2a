import { processTenant } from "../licensing/engine";
import {
  type AppRegistration,
  DIRECTORY_ROLES,
  type Group,
  type OrgContact,
  type Sku,
  type Tenant,
  type User,
} from "../tenant/model";
import { buildApp } from "./apps";
import { SeedError } from "./errors";
import { nameUuid, objectId } from "./ids";
import { buildSkus, resolveLicense } from "./products";
import {
  type ContactDescription,
  type GroupDescription,
  type TenantDescription,
  type TenantDescriptionInput,
  tenantDescriptionSchema,
  type UserDescription,
} from "./schema";

// Tenants without an explicit id get one derived from their domain (RFC 4122 DNS namespace).
const DNS_NAMESPACE = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

const mailNicknameOf = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "") || "group";

/** The address a mail-enabled group described by `g` gets in `domain`. */
export const groupMailOf = (g: Pick<GroupDescription, "name" | "mailNickname">, domain: string) =>
  `${g.mailNickname ?? mailNicknameOf(g.name)}@${domain}`;

function buildGroup(tenant: Tenant, g: GroupDescription, created: string): Group {
  const mailNickname = g.mailNickname ?? mailNicknameOf(g.name);
  return {
    id: objectId(tenant.id, "group", g.name),
    displayName: g.name,
    description: g.description,
    mailNickname,
    mail: g.mailEnabled ? groupMailOf(g, tenant.defaultDomain) : null,
    mailEnabled: g.mailEnabled,
    securityEnabled: g.securityEnabled,
    groupTypes: [...g.groupTypes],
    createdDateTime: g.createdDateTime ?? created,
    memberIds: [],
    assignedLicenses: g.licenses.map((l) => resolveLicense(tenant.skus, l, `groups.${g.name}`)),
    licenseProcessingState: "QueuedForProcessing",
  };
}

function appRoleAssignments(apps: AppRegistration[], u: UserDescription): Record<string, string[]> {
  const assignments: Record<string, string[]> = {};
  for (const value of u.appRoles) {
    const app = apps.find((a) => a.appRoles.some((r) => r.value === value));
    if (!app) throw new SeedError(`users.${u.userPrincipalName}: no app defines role '${value}'.`);
    (assignments[app.appId] ??= []).push(value);
  }
  return assignments;
}

export function buildUser(tenant: Tenant, skus: Sku[], u: UserDescription, created: string): User {
  const upn = u.userPrincipalName.toLowerCase();
  const where = `users.${upn}`;
  return {
    id: objectId(tenant.id, "user", upn),
    userPrincipalName: upn,
    displayName: u.displayName,
    givenName: u.givenName,
    surname: u.surname,
    mail: u.mail === undefined ? upn : u.mail,
    jobTitle: u.jobTitle,
    department: u.department,
    officeLocation: u.officeLocation,
    city: u.city,
    country: u.country,
    accountEnabled: u.accountEnabled,
    usageLocation: u.usageLocation,
    proxyAddresses: u.proxyAddresses ? [...u.proxyAddresses] : [`SMTP:${upn}`],
    createdDateTime: u.createdDateTime ?? created,
    lastSignInDateTime: u.lastSignInDateTime,
    password: u.password,
    directoryRoleIds: u.directoryRoles.map((r) => DIRECTORY_ROLES[r]),
    appRoleAssignments: appRoleAssignments(tenant.apps, u),
    directLicenses: u.licenses.map((l) => resolveLicense(skus, l, where)),
    listedForSignIn: u.listedForSignIn,
    blockedForOtherReason: u.blockedForOtherReason,
    licenseAssignmentStates: [],
    licenseCauses: [],
    assignedLicenses: [],
    assignedPlans: [],
  };
}

function buildContact(tenantId: string, c: ContactDescription): OrgContact {
  return {
    id: objectId(tenantId, "contact", c.mail.toLowerCase()),
    displayName: c.displayName,
    givenName: c.givenName,
    surname: c.surname,
    companyName: c.companyName,
    mail: c.mail,
    mailNickname: c.mail.split("@")[0] ?? null,
    proxyAddresses: c.proxyAddresses ? [...c.proxyAddresses] : [`SMTP:${c.mail}`],
  };
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    const key = value.toLowerCase();
    if (seen.has(key)) throw new SeedError(`${what}: '${value}' appears more than once.`);
    seen.add(key);
  }
}

/** Builds a tenant from a parsed description, then processes every user's licenses once. */
export function buildTenantFrom(d: TenantDescription): Tenant {
  assertUnique(
    d.users.map((u) => u.userPrincipalName),
    "users",
  );
  assertUnique(
    d.groups.map((g) => g.name),
    "groups",
  );
  assertUnique(
    d.apps.map((a) => a.displayName),
    "apps",
  );
  assertUnique(
    d.contacts.map((c) => c.mail),
    "contacts",
  );
  const id = d.tenant.id ?? nameUuid(DNS_NAMESPACE, d.tenant.defaultDomain.toLowerCase());
  const tenant: Tenant = {
    id,
    displayName: d.tenant.displayName,
    defaultDomain: d.tenant.defaultDomain.toLowerCase(),
    countryLetterCode: d.tenant.countryLetterCode,
    apps: d.apps.map((a) => buildApp(id, a)),
    skus: buildSkus(id, d),
    groups: [],
    users: [],
    contacts: d.contacts.map((c) => buildContact(id, c)),
  };
  tenant.groups = d.groups.map((g) => buildGroup(tenant, g, d.processedAt));
  const members = new Map(
    tenant.groups.map((g) => [g.displayName.toLowerCase(), new Set<string>()]),
  );
  for (const u of d.users) {
    const user = buildUser(tenant, tenant.skus, u, d.processedAt);
    for (const name of u.groups) {
      const memberSet = members.get(name.toLowerCase());
      if (!memberSet) throw new SeedError(`users.${user.userPrincipalName}: no group '${name}'.`);
      memberSet.add(user.id);
    }
    tenant.users.push(user);
  }
  for (const group of tenant.groups) {
    group.memberIds = [...(members.get(group.displayName.toLowerCase()) ?? [])];
  }
  processTenant(tenant, new Date(d.processedAt));
  return tenant;
}

/** Validates (zod) and builds; throws ZodError or SeedError when the description is wrong. */
export function buildTenant(description: TenantDescriptionInput): Tenant {
  return buildTenantFrom(tenantDescriptionSchema.parse(description));
}
