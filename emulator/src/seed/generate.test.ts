import { describe, expect, it } from "vitest";
import { groupHasMembersWithLicenseErrors, userHasLicenseErrors } from "../licensing/engine";
import type { LicenseErrorCode, Tenant } from "../tenant/model";
import { buildDemoTenant } from "./demo";
import { generateTenant } from "./generate";

const perCode = (tenant: Tenant) => {
  const counts: Partial<Record<LicenseErrorCode, number>> = {};
  for (const user of tenant.users.filter(userHasLicenseErrors)) {
    for (const code of new Set(user.licenseAssignmentStates.map((s) => s.error))) {
      if (code !== "None") counts[code] = (counts[code] ?? 0) + 1;
    }
  }
  return counts;
};

describe("the large-tenant generator", () => {
  it("builds exactly the users, groups and errors asked for, spread over the six codes", () => {
    const tenant = generateTenant({ users: 1200, groups: 25, usersInError: 62, seed: 42 });
    expect(tenant.users).toHaveLength(1200);
    expect(tenant.groups).toHaveLength(25);
    expect(tenant.users.filter(userHasLicenseErrors)).toHaveLength(62);
    expect(perCode(tenant)).toEqual({
      ProhibitedInUsageLocationViolation: 11,
      Other: 11,
      UniquenessViolation: 10,
      MutuallyExclusiveViolation: 10,
      DependencyViolation: 10,
      CountViolation: 10,
    });
  });

  it("is deterministic: the same seed gives the same tenant, another seed another one", () => {
    const options = { users: 300, groups: 10, usersInError: 30, seed: 7 };
    const a = generateTenant(options);
    expect(generateTenant(options)).toEqual(a);
    const b = generateTenant({ ...options, seed: 8 });
    expect(b.users.map((u) => u.userPrincipalName)).not.toEqual(
      a.users.map((u) => u.userPrincipalName),
    );
  });

  it("keeps the demo tenant id, apps and sign-in accounts so the app keeps working", () => {
    const demo = buildDemoTenant();
    const big = generateTenant({ users: 100, groups: 5, usersInError: 6, seed: 1 });
    expect(big.id).toBe(demo.id);
    expect(big.apps).toEqual(demo.apps);
    const accounts = (t: Tenant) => t.users.filter((u) => u.listedForSignIn).map((u) => u.id);
    expect(accounts(big)).toEqual(accounts(demo));
  });

  it("duplicateHolders: some duplicate addresses held by a team group or a contact, the rest of the tenant as before", () => {
    const options = { users: 1200, groups: 25, usersInError: 62, seed: 42 };
    const plain = generateTenant(options);
    const moved = generateTenant({ ...options, duplicateHolders: { groups: 2, contacts: 3 } });
    expect(perCode(moved)).toEqual(perCode(plain));
    expect(moved.users.map((u) => u.userPrincipalName)).toEqual(
      plain.users.map((u) => u.userPrincipalName),
    );
    expect(moved.contacts).toHaveLength(3);
    const holderTypes = moved.users.flatMap((u) =>
      u.licenseCauses.flatMap(({ cause }) =>
        cause.code === "UniquenessViolation" ? cause.holders.map((h) => h.type) : [],
      ),
    );
    expect(holderTypes.filter((t) => t === "group")).toHaveLength(2);
    expect(holderTypes.filter((t) => t === "orgContact")).toHaveLength(3);
    expect(holderTypes.filter((t) => t === "user")).toHaveLength(5);
  });

  it("directErrors: users failing only on a direct license, and no group with members in error", () => {
    const tenant = generateTenant({
      users: 1200,
      groups: 25,
      usersInError: 0,
      directErrors: 31,
      seed: 42,
    });
    expect(tenant.users).toHaveLength(1200);
    expect(tenant.users.filter(userHasLicenseErrors)).toHaveLength(31);
    expect(perCode(tenant)).toEqual({
      CountViolation: 11,
      ProhibitedInUsageLocationViolation: 10,
      MutuallyExclusiveViolation: 10,
    });
    const failing = tenant.users.flatMap((u) =>
      u.licenseAssignmentStates.filter((s) => s.error !== "None"),
    );
    expect(failing.every((s) => s.assignedByGroup === null)).toBe(true);
    expect(tenant.groups.filter((g) => groupHasMembersWithLicenseErrors(tenant, g))).toEqual([]);
  });

  it("adds direct errors to the group ones", () => {
    const tenant = generateTenant({
      users: 1200,
      groups: 25,
      usersInError: 62,
      directErrors: 9,
      seed: 42,
    });
    const inError = tenant.users.filter(userHasLicenseErrors);
    expect(inError).toHaveLength(71);
    const throughGroup = inError.filter((u) =>
      u.licenseAssignmentStates.some((s) => s.error !== "None" && s.assignedByGroup !== null),
    );
    expect(throughGroup).toHaveLength(62);
  });

  it("builds a 10,000-user tenant with the asked number in error", () => {
    const tenant = generateTenant({ users: 10_000, groups: 200, usersInError: 500, seed: 3 });
    expect(tenant.users).toHaveLength(10_000);
    const inError = tenant.users.filter((u) =>
      u.licenseAssignmentStates.some((s) => s.error !== "None"),
    );
    expect(inError.length).toBeGreaterThanOrEqual(500);
  });
});
