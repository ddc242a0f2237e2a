import { buildTenant } from "../seed/build";
import { objectId } from "../seed/ids";
import type { TenantDescriptionInput, UserDescriptionInput } from "../seed/schema";
import type { Tenant, User } from "../tenant/model";

/** Catalog sku ids that test expectations name. */
export const SKU = {
  E3: "6fd2c87f-b296-42f0-b197-1e91e994b900",
  EXCHANGE_P1: "4b9405b0-7788-4568-add1-99614e613b69",
  ARCHIVE: "ee02fd1b-340e-4a4b-b355-4a514e4c8943",
  AUDIO: "0c266dff-15dd-4b49-8397-2bb16070ed52",
  POWER_BI: "f8a1db68-be16-40ed-86d5-cb42ce701560",
};

/** Catalog service plan ids that test expectations name. */
export const PLAN = {
  EXCHANGE_P1: "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
  EXCHANGE_P2: "efb87545-963c-4e0d-99df-69c6916d9eb0",
  ARCHIVE: "176a09a6-7ec5-4039-ac02-b2791c6ba793",
  TEAMS: "57ff2da0-773e-42df-b2af-ffb7a2317929",
  SWAY: "a23b959c-7ce8-4e57-9140-b90eb88a9e97",
};

export const GRAPH_TEST_TENANT_ID = "9b1f4c2e-3d5a-4e6b-8c7d-0e1f2a3b4c5d";
const FABRIKAM = "fabrikam.test";
const DEPARTMENTS = ["Sales", "Finance", "Engineering"];
const padded = (n: number) => String(n).padStart(3, "0");
const graphUpn = (n: number) => `user${padded(n)}@${FABRIKAM}`;

/** Graph test user `n`: users 1–4 in "E3 users", 5–6 in "Exchange users", every third in Sales. */
function graphTestUser(n: number): UserDescriptionInput {
  const department = DEPARTMENTS[n % DEPARTMENTS.length]!;
  const licensed = n <= 4 ? ["E3 users"] : n <= 6 ? ["Exchange users"] : [];
  return {
    userPrincipalName: graphUpn(n),
    displayName: `Test User ${padded(n)}`,
    givenName: "Test",
    surname: `User ${n}`,
    jobTitle: n % 2 === 0 ? "Analyst" : "Engineer",
    department,
    city: "Oslo",
    country: "Norway",
    accountEnabled: n % 10 !== 0,
    usageLocation: n === 5 ? null : "NO",
    password: "Test-Pass-1!",
    groups: department === "Sales" ? [...licensed, "Sales"] : licensed,
  };
}

/**
 * A small directory for Graph tests (under 50 users: Graph's "small" tenant): users 1–4 are in
 * "E3 users" with 3 seats, so user 4 gets CountViolation; user 5 has no usage location and is
 * in "Exchange users", so it gets ProhibitedInUsageLocationViolation; "Sales" licenses nothing.
 */
export function graphTestTenant(userCount = 12): Tenant {
  return buildTenant({
    tenant: {
      id: GRAPH_TEST_TENANT_ID,
      displayName: "Fabrikam Test",
      defaultDomain: FABRIKAM,
      countryLetterCode: "NO",
    },
    skus: [
      { partNumber: "ENTERPRISEPACK", prepaid: 3 },
      { partNumber: "EXCHANGESTANDARD", prepaid: 10 },
    ],
    groups: [
      { name: "E3 users", licenses: [{ sku: "ENTERPRISEPACK" }] },
      { name: "Exchange users", licenses: [{ sku: "EXCHANGESTANDARD" }] },
      { name: "Sales" },
    ],
    users: Array.from({ length: userCount }, (_, i) => graphTestUser(i + 1)),
  });
}

/** The id of Graph test user `n`; the seed builder derives ids from names. */
export const graphUserId = (n: number): string =>
  objectId(GRAPH_TEST_TENANT_ID, "user", graphUpn(n));

/** The id of a Graph test group by name. */
export const graphGroupId = (name: string): string => objectId(GRAPH_TEST_TENANT_ID, "group", name);

const TAILSPIN = "tailspin.test";

/** A person at Tailspin; usage location US unless said otherwise. */
export const person = (alias: string, extra: Partial<UserDescriptionInput> = {}) => ({
  userPrincipalName: `${alias}@${TAILSPIN}`,
  displayName: alias,
  usageLocation: "US",
  ...extra,
});

/** A small tenant for licensing tests: E3 for "Staff", plus add-on groups; seats as given. */
export function tinyTenant(
  users: UserDescriptionInput[],
  seats: Partial<Record<"E3" | "EXCHANGESTANDARD" | "ARCHIVE" | "AUDIO" | "POWER_BI", number>> = {},
  extra: Partial<TenantDescriptionInput> = {},
): Tenant {
  return buildTenant({
    tenant: { displayName: "Tailspin", defaultDomain: TAILSPIN },
    skus: [
      { partNumber: "ENTERPRISEPACK", prepaid: seats.E3 ?? 10 },
      { partNumber: "EXCHANGESTANDARD", prepaid: seats.EXCHANGESTANDARD ?? 10 },
      { partNumber: "EXCHANGEARCHIVE_ADDON", prepaid: seats.ARCHIVE ?? 10 },
      { partNumber: "MCOMEETADV", prepaid: seats.AUDIO ?? 10 },
      { partNumber: "POWER_BI_PRO", prepaid: seats.POWER_BI ?? 10 },
    ],
    groups: [
      { name: "Staff", licenses: [{ sku: "ENTERPRISEPACK" }] },
      { name: "Archive", licenses: [{ sku: "EXCHANGEARCHIVE_ADDON" }] },
      { name: "Audio", licenses: [{ sku: "MCOMEETADV" }] },
      { name: "Reports", licenses: [{ sku: "POWER_BI_PRO" }] },
      { name: "Bundle", licenses: [{ sku: "MCOMEETADV" }, { sku: "POWER_BI_PRO" }] },
      { name: "Team" },
    ],
    users,
    ...extra,
  });
}

/** The user `alias@{the tenant's domain}`. */
export const userIn = (tenant: Tenant, alias: string): User => {
  const user = tenant.users.find((u) => u.userPrincipalName === `${alias}@${tenant.defaultDomain}`);
  if (!user) throw new Error(`no user ${alias}`);
  return user;
};

export const groupId = (tenant: Tenant, name: string): string => {
  const group = tenant.groups.find((g) => g.displayName === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
};

/** `[groupName | "direct", skuId, error, state]` for each assignment source. */
export const statesOf = (tenant: Tenant, user: User) =>
  user.licenseAssignmentStates.map((s) => [
    s.assignedByGroup === null
      ? "direct"
      : tenant.groups.find((g) => g.id === s.assignedByGroup)?.displayName,
    s.skuId,
    s.error,
    s.state,
  ]);

/**
 * One failing assignment of each kind at Tailspin: bob's archive add-on (group) lacks a mailbox,
 * cat's E3 (group) clashes with her direct Exchange Plan 1, dan's direct Power BI has no usage
 * location, and gus's direct Power BI finds the one seat taken by fay; ann is fine.
 */
export const licenseErrorsTenant = (): Tenant =>
  tinyTenant(
    [
      person("ann", { groups: ["Staff"] }),
      person("bob", { groups: ["Archive"] }),
      person("cat", { groups: ["Staff"], licenses: [{ sku: "EXCHANGESTANDARD" }] }),
      person("dan", { usageLocation: null, licenses: [{ sku: "POWER_BI_PRO" }] }),
      person("fay", { licenses: [{ sku: "POWER_BI_PRO" }] }),
      person("gus", { groups: ["Staff"], licenses: [{ sku: "POWER_BI_PRO" }] }),
    ],
    { POWER_BI: 1 },
  );
