import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { buildTenant } from "./build";
import { SeedError } from "./errors";
import type { TenantDescriptionInput } from "./schema";

const base: TenantDescriptionInput = {
  tenant: { displayName: "Northwind", defaultDomain: "northwind.test" },
  skus: [{ partNumber: "ENTERPRISEPACK", prepaid: 5 }],
  groups: [{ name: "Staff", licenses: [{ sku: "ENTERPRISEPACK", disabledPlans: ["SWAY"] }] }],
  users: [
    {
      userPrincipalName: "Ann@northwind.test",
      displayName: "Ann",
      usageLocation: "se",
      groups: ["Staff"],
    },
  ],
};

describe("building a tenant from a JSON description", () => {
  it("derives stable name-based ids and fills Graph-like defaults", () => {
    const a = buildTenant(base);
    const b = buildTenant(base);
    expect(a.id).toBe(b.id);
    expect(a.users[0]).toMatchObject({
      id: b.users[0]!.id,
      userPrincipalName: "ann@northwind.test",
      usageLocation: "SE",
      proxyAddresses: ["SMTP:ann@northwind.test"],
      accountEnabled: true,
    });
    expect(a.groups[0]!.memberIds).toEqual([a.users[0]!.id]);
    expect(a.skus[0]!.subscriptionIds).toHaveLength(1);
    expect(a.users[0]!.assignedLicenses[0]!.disabledPlans).toEqual([
      "a23b959c-7ce8-4e57-9140-b90eb88a9e97",
    ]);
  });

  it("accepts a product defined inline, with its own plans and rules", () => {
    const tenant = buildTenant({
      ...base,
      products: [
        {
          skuId: "11111111-2222-4333-8444-555555555555",
          skuPartNumber: "CONTOSO_ADDON",
          servicePlans: [
            {
              servicePlanId: "66666666-7777-4888-9999-000000000000",
              servicePlanName: "CONTOSO_ADDON_PLAN",
              service: "ContosoService",
              dependsOnAnyOf: ["MCOMEETADV"],
            },
          ],
          notSoldIn: ["se"],
        },
      ],
      skus: [...(base.skus ?? []), { partNumber: "CONTOSO_ADDON", prepaid: 1 }],
      groups: [{ name: "Staff", licenses: [{ sku: "CONTOSO_ADDON" }] }],
    });
    expect(tenant.users[0]!.licenseAssignmentStates[0]!.error).toBe(
      "ProhibitedInUsageLocationViolation",
    );
    expect(tenant.skus[1]!.servicePlans[0]!.dependsOnAnyOf).toEqual([
      "3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40",
    ]);
  });

  it.each([
    ["an unknown product", { skus: [{ partNumber: "NOPE", prepaid: 1 }] }, /NOPE/],
    [
      "an unknown group",
      {
        users: [
          {
            userPrincipalName: "b@northwind.test",
            displayName: "B",
            usageLocation: "US",
            groups: ["Nope"],
          },
        ],
      },
      /no group 'Nope'/,
    ],
    [
      "an unknown plan",
      {
        groups: [{ name: "Staff", licenses: [{ sku: "ENTERPRISEPACK", disabledPlans: ["NOPE"] }] }],
      },
      /'NOPE' is not a plan/,
    ],
    [
      "an unknown app role",
      {
        users: [
          {
            userPrincipalName: "b@northwind.test",
            displayName: "B",
            usageLocation: "US",
            appRoles: ["X.Y"],
          },
        ],
      },
      /no app defines role/,
    ],
    [
      "a duplicate user",
      { users: [...(base.users ?? []), ...(base.users ?? [])] },
      /more than once/,
    ],
  ])("refuses %s with a SeedError naming it", (_what, change, message) => {
    expect(() => buildTenant({ ...base, ...change } as TenantDescriptionInput)).toThrow(SeedError);
    expect(() => buildTenant({ ...base, ...change } as TenantDescriptionInput)).toThrow(message);
  });

  it("refuses malformed descriptions with zod's issues", () => {
    expect(() =>
      buildTenant({
        ...base,
        users: [{ userPrincipalName: "nobody", displayName: "X", usageLocation: "USA" }],
      }),
    ).toThrow(ZodError);
  });
});
