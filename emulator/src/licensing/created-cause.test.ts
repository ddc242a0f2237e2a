import { describe, expect, it } from "vitest";
import { processUser } from "./engine";
import { servicePlan } from "./plans";
import { describeState } from "./summary";
import { generateTenant } from "../seed/generate";
import { EmulatorState } from "../state";
import { groupId, person, PLAN, SKU, tinyTenant, userIn } from "../testing/tenants";
import type { Tenant, User } from "../tenant/model";

const causesOf = (user: User) => user.licenseCauses;
const planId = (name: string) => servicePlan(name).servicePlanId;

describe("the emulator keeps the cause it created for each failing assignment", () => {
  it("a usage location the product is not sold in, or none at all", () => {
    const t = tinyTenant([
      person("fu", { usageLocation: null, groups: ["Staff"] }),
      person("gu", { usageLocation: "CN", groups: ["Staff", "Audio"] }),
    ]);
    expect(causesOf(userIn(t, "fu"))).toEqual([
      {
        source: { skuId: SKU.E3, groupId: groupId(t, "Staff") },
        cause: { code: "ProhibitedInUsageLocationViolation", trigger: SKU.E3, usageLocation: null },
      },
    ]);
    expect(causesOf(userIn(t, "gu"))).toEqual([
      {
        source: { skuId: SKU.AUDIO, groupId: groupId(t, "Audio") },
        cause: {
          code: "ProhibitedInUsageLocationViolation",
          trigger: SKU.AUDIO,
          usageLocation: "CN",
        },
      },
    ]);
  });

  it("two conflicting plans: the failing product's plan, the plan it meets, and where that one comes from", () => {
    const t = tinyTenant([
      person("bo", { groups: ["Staff"], licenses: [{ sku: "EXCHANGESTANDARD" }] }),
    ]);
    expect(causesOf(userIn(t, "bo"))).toEqual([
      {
        source: { skuId: SKU.E3, groupId: groupId(t, "Staff") },
        cause: {
          code: "MutuallyExclusiveViolation",
          trigger: SKU.E3,
          planId: PLAN.EXCHANGE_P2,
          conflictingPlanId: PLAN.EXCHANGE_P1,
          holder: { skuId: SKU.EXCHANGE_P1, groupId: null },
        },
      },
    ]);
  });

  it("a missing prerequisite: the plan that needs one, and the plans of which it needs one", () => {
    const t = tinyTenant([person("cy", { groups: ["Archive"] })]);
    expect(causesOf(userIn(t, "cy"))).toEqual([
      {
        source: { skuId: SKU.ARCHIVE, groupId: groupId(t, "Archive") },
        cause: {
          code: "DependencyViolation",
          trigger: SKU.ARCHIVE,
          planId: PLAN.ARCHIVE,
          needsAnyOf: ["EXCHANGE_S_STANDARD", "EXCHANGE_S_ENTERPRISE", "EXCHANGE_S_DESKLESS"].map(
            planId,
          ),
        },
      },
    ]);
  });

  it("no seat left: the seats bought and taken when the user's turn came", () => {
    const t = tinyTenant(
      ["a", "b", "c"].map((n) => person(n, { groups: ["Staff"] })),
      { E3: 2 },
    );
    expect(causesOf(userIn(t, "a"))).toEqual([]);
    expect(causesOf(userIn(t, "c"))[0]?.cause).toEqual({
      code: "CountViolation",
      trigger: SKU.E3,
      prepaid: 2,
      consumed: 2,
    });
  });

  it("a duplicate address: the shared address, lower-cased, and the other user who carries it", () => {
    const t = tinyTenant([
      person("hal", {
        groups: ["Staff"],
        proxyAddresses: ["SMTP:hal@tailspin.test", "smtp:h.lee@tailspin.test"],
      }),
      person("hana", { proxyAddresses: ["SMTP:hana@tailspin.test", "SMTP:H.Lee@tailspin.test"] }),
    ]);
    expect(causesOf(userIn(t, "hal"))[0]?.cause).toEqual({
      code: "UniquenessViolation",
      trigger: SKU.E3,
      addresses: ["smtp:h.lee@tailspin.test"],
      holders: [{ id: userIn(t, "hana").id, type: "user" }],
    });
  });

  it("a duplicate address held by a mail-enabled group: the group is the holder", () => {
    const t = tinyTenant(
      [
        person("ola", {
          groups: ["Staff"],
          proxyAddresses: ["SMTP:ola@tailspin.test", "smtp:HelpDesk@tailspin.test"],
        }),
      ],
      {},
      {
        groups: [
          { name: "Staff", licenses: [{ sku: "ENTERPRISEPACK" }] },
          { name: "Help Desk", mailEnabled: true, mailNickname: "helpdesk" },
        ],
      },
    );
    expect(causesOf(userIn(t, "ola"))[0]?.cause).toEqual({
      code: "UniquenessViolation",
      trigger: SKU.E3,
      addresses: ["smtp:helpdesk@tailspin.test"],
      holders: [{ id: groupId(t, "Help Desk"), type: "group" }],
    });
  });

  it("a duplicate address held by an organizational contact: the contact is the holder", () => {
    const t = tinyTenant(
      [person("sam", { groups: ["Staff"] })],
      {},
      {
        contacts: [
          {
            displayName: "Vendor desk",
            mail: "desk@vendor.test",
            proxyAddresses: ["SMTP:desk@vendor.test", "smtp:sam@tailspin.test"],
          },
        ],
      },
    );
    expect(causesOf(userIn(t, "sam"))[0]?.cause).toEqual({
      code: "UniquenessViolation",
      trigger: SKU.E3,
      addresses: ["smtp:sam@tailspin.test"],
      holders: [{ id: t.contacts[0]!.id, type: "orgContact" }],
    });
  });

  it("Other: a user the service will not license, told apart from a product the tenant has no subscription to", () => {
    const t = tinyTenant([person("ivo", { groups: ["Staff"], blockedForOtherReason: true })]);
    expect(causesOf(userIn(t, "ivo"))[0]?.cause).toEqual({
      code: "Other",
      trigger: SKU.E3,
      reason: "blocked",
    });

    const ended = tinyTenant([person("ute", { groups: ["Reports"] })]);
    ended.skus = ended.skus.filter((sku) => sku.skuId !== SKU.POWER_BI);
    processUser(ended, userIn(ended, "ute"), new Date("2026-12-01T08:00:00Z"));
    expect(causesOf(userIn(ended, "ute"))[0]?.cause).toEqual({
      code: "Other",
      trigger: SKU.POWER_BI,
      reason: "noSubscription",
    });
  });

  it("a group's licenses fail together, each with the cause of the one that failed", () => {
    const t = tinyTenant([person("lu", { usageLocation: "CN", groups: ["Staff", "Bundle"] })]);
    const bundle = groupId(t, "Bundle");
    expect(causesOf(userIn(t, "lu"))).toEqual([
      expect.objectContaining({ source: { skuId: SKU.AUDIO, groupId: bundle } }),
      expect.objectContaining({ source: { skuId: SKU.POWER_BI, groupId: bundle } }),
    ]);
    for (const { cause } of causesOf(userIn(t, "lu"))) {
      expect(cause).toEqual({
        code: "ProhibitedInUsageLocationViolation",
        trigger: SKU.AUDIO,
        usageLocation: "CN",
      });
    }
  });

  it("every failing assignment of a generated tenant has a cause with its code, and nothing else has one", () => {
    const tenant = generateTenant({
      users: 2000,
      groups: 30,
      usersInError: 300,
      directErrors: 20,
      seed: 11,
    });
    const codes = new Set<string>();
    for (const user of tenant.users) {
      const failing = user.licenseAssignmentStates.filter((s) => s.error !== "None");
      expect(user.licenseCauses).toHaveLength(failing.length);
      for (const state of failing) {
        const kept = user.licenseCauses.find(
          ({ source }) => source.skuId === state.skuId && source.groupId === state.assignedByGroup,
        );
        expect(kept?.cause.code).toBe(state.error);
        codes.add(state.error);
      }
    }
    expect(codes.size).toBe(6);
  });

  it("the control API's state gives each failing assignment the cause the emulator kept", async () => {
    const t: Tenant = tinyTenant([
      person("fu", { usageLocation: null, groups: ["Staff"] }),
      person("ok", { groups: ["Staff"] }),
    ]);
    const state = await EmulatorState.create(t, "");
    const described = describeState(state);
    expect(described.usersInError).toHaveLength(1);
    expect(described.usersInError[0]?.failing[0]?.cause).toEqual({
      code: "ProhibitedInUsageLocationViolation",
      trigger: SKU.E3,
      usageLocation: null,
    });
  });
});
