import { describe, expect, it } from "vitest";
import {
  consumedUnits,
  groupHasMembersWithLicenseErrors,
  membersWithLicenseErrors,
  processUser,
  userHasLicenseErrors,
} from "./engine";
import { groupId, person, PLAN, SKU, statesOf, tinyTenant, userIn } from "../testing/tenants";

const later = new Date("2026-11-20T10:00:00Z");

describe("each error code comes from its real cause", () => {
  it("a fine assignment is Active with error None and grants the product's plans", () => {
    const t = tinyTenant([person("ana", { groups: ["Staff"] })]);
    const ana = userIn(t, "ana");
    expect(statesOf(t, ana)).toEqual([["Staff", SKU.E3, "None", "Active"]]);
    expect(ana.assignedLicenses).toEqual([{ skuId: SKU.E3, disabledPlans: [] }]);
    expect(ana.assignedPlans).toContainEqual({
      assignedDateTime: "2026-11-02T08:00:00Z",
      capabilityStatus: "Enabled",
      service: "exchange",
      servicePlanId: PLAN.EXCHANGE_P2,
    });
    expect(userHasLicenseErrors(ana)).toBe(false);
  });

  it("CountViolation: the last users in directory order find no seat left", () => {
    const t = tinyTenant(
      ["a", "b", "c"].map((n) => person(n, { groups: ["Staff"] })),
      { E3: 2 },
    );
    expect(t.users.map((u) => u.licenseAssignmentStates[0]?.error)).toEqual([
      "None",
      "None",
      "CountViolation",
    ]);
    expect(userIn(t, "c").assignedLicenses).toEqual([]);
  });

  it("MutuallyExclusiveViolation: Exchange Plan 2 in E3 cannot join an active Exchange Plan 1", () => {
    const t = tinyTenant([
      person("bo", { groups: ["Staff"], licenses: [{ sku: "EXCHANGESTANDARD" }] }),
    ]);
    expect(statesOf(t, userIn(t, "bo"))).toEqual([
      ["direct", SKU.EXCHANGE_P1, "None", "Active"],
      ["Staff", SKU.E3, "MutuallyExclusiveViolation", "Error"],
    ]);
  });

  it("MutuallyExclusiveViolation does not happen when the group disables the conflicting plan", () => {
    const t = tinyTenant(
      [person("bo", { groups: ["Staff"], licenses: [{ sku: "EXCHANGESTANDARD" }] })],
      {},
      {
        groups: [
          {
            name: "Staff",
            licenses: [{ sku: "ENTERPRISEPACK", disabledPlans: ["EXCHANGE_S_ENTERPRISE"] }],
          },
        ],
      },
    );
    expect(userHasLicenseErrors(userIn(t, "bo"))).toBe(false);
  });

  it("DependencyViolation: the archive add-on needs an Exchange mailbox plan", () => {
    const t = tinyTenant([
      person("cy", { groups: ["Archive"] }),
      person("di", { groups: ["Archive", "Staff"] }),
    ]);
    expect(statesOf(t, userIn(t, "cy"))).toEqual([
      ["Archive", SKU.ARCHIVE, "DependencyViolation", "Error"],
    ]);
    expect(userHasLicenseErrors(userIn(t, "di"))).toBe(false);
  });

  it("DependencyViolation: audio conferencing needs Teams or Skype, even when E3 is there without them", () => {
    const t = tinyTenant(
      [person("ed", { groups: ["Staff", "Audio"] })],
      {},
      {
        groups: [
          {
            name: "Staff",
            licenses: [{ sku: "ENTERPRISEPACK", disabledPlans: ["TEAMS1", "MCOSTANDARD"] }],
          },
          { name: "Audio", licenses: [{ sku: "MCOMEETADV" }] },
        ],
      },
    );
    expect(statesOf(t, userIn(t, "ed"))).toEqual([
      ["Staff", SKU.E3, "None", "Active"],
      ["Audio", SKU.AUDIO, "DependencyViolation", "Error"],
    ]);
  });

  it("ProhibitedInUsageLocationViolation: no usage location, or one where the product is not sold", () => {
    const t = tinyTenant([
      person("fu", { usageLocation: null, groups: ["Staff"] }),
      person("gu", { usageLocation: "CN", groups: ["Staff", "Audio"] }),
    ]);
    expect(statesOf(t, userIn(t, "fu"))).toEqual([
      ["Staff", SKU.E3, "ProhibitedInUsageLocationViolation", "Error"],
    ]);
    expect(statesOf(t, userIn(t, "gu"))).toEqual([
      ["Staff", SKU.E3, "None", "Active"],
      ["Audio", SKU.AUDIO, "ProhibitedInUsageLocationViolation", "Error"],
    ]);
  });

  it("UniquenessViolation: a mailbox product for a user sharing a proxy address with another user", () => {
    const t = tinyTenant([
      person("hal", {
        groups: ["Staff", "Reports"],
        proxyAddresses: [`SMTP:hal@tailspin.test`, "smtp:h.lee@tailspin.test"],
      }),
      person("hana", { proxyAddresses: ["SMTP:hana@tailspin.test", "SMTP:H.Lee@tailspin.test"] }),
    ]);
    // Power BI provisions no mailbox (only Exchange Foundation), so only E3 fails.
    expect(statesOf(t, userIn(t, "hal"))).toEqual([
      ["Staff", SKU.E3, "UniquenessViolation", "Error"],
      ["Reports", SKU.POWER_BI, "None", "Active"],
    ]);
  });

  it("Other: a cause the service does not name", () => {
    const t = tinyTenant([person("ivo", { groups: ["Staff"], blockedForOtherReason: true })]);
    expect(statesOf(t, userIn(t, "ivo"))).toEqual([["Staff", SKU.E3, "Other", "Error"]]);
  });
});

describe("derived licenses, plans and seats", () => {
  it("ActiveWithError: a source fails while the same product is active through another source", () => {
    const t = tinyTenant([
      person("jo", {
        groups: ["Staff"],
        licenses: [
          { sku: "EXCHANGESTANDARD" },
          { sku: "ENTERPRISEPACK", disabledPlans: ["EXCHANGE_S_ENTERPRISE"] },
        ],
      }),
    ]);
    const jo = userIn(t, "jo");
    expect(statesOf(t, jo)).toEqual([
      ["direct", SKU.EXCHANGE_P1, "None", "Active"],
      ["direct", SKU.E3, "None", "Active"],
      ["Staff", SKU.E3, "MutuallyExclusiveViolation", "ActiveWithError"],
    ]);
    expect(jo.assignedLicenses).toContainEqual({
      skuId: SKU.E3,
      disabledPlans: [PLAN.EXCHANGE_P2],
    });
  });

  it("a plan stays disabled only when every active source of the product disables it", () => {
    const t = tinyTenant(
      [person("ka", { groups: ["Staff", "Team"] })],
      {},
      {
        groups: [
          {
            name: "Staff",
            licenses: [{ sku: "ENTERPRISEPACK", disabledPlans: ["SWAY", "TEAMS1"] }],
          },
          { name: "Team", licenses: [{ sku: "ENTERPRISEPACK", disabledPlans: ["SWAY"] }] },
        ],
      },
    );
    const ka = userIn(t, "ka");
    expect(ka.assignedLicenses).toEqual([{ skuId: SKU.E3, disabledPlans: [PLAN.SWAY] }]);
    expect(ka.assignedPlans.map((p) => p.servicePlanId)).toContain(PLAN.TEAMS);
    expect(ka.assignedPlans.map((p) => p.servicePlanId)).not.toContain(PLAN.SWAY);
  });

  it("consumedUnits counts users holding a product once, however many sources grant it", () => {
    const t = tinyTenant(
      [
        person("la", { groups: ["Staff", "Team"], licenses: [{ sku: "ENTERPRISEPACK" }] }),
        person("mo", { groups: ["Staff"] }),
        person("nu", { groups: ["Staff"], usageLocation: null }),
      ],
      {},
      {
        groups: [
          { name: "Staff", licenses: [{ sku: "ENTERPRISEPACK" }] },
          { name: "Team", licenses: [{ sku: "ENTERPRISEPACK" }] },
        ],
      },
    );
    expect(consumedUnits(t, SKU.E3)).toBe(2);
    expect(consumedUnits(t, SKU.POWER_BI)).toBe(0);
  });

  it("a group's licenses are granted together or not at all", () => {
    const t = tinyTenant([person("ole", { groups: ["Bundle"] })], { POWER_BI: 0 });
    expect(statesOf(t, userIn(t, "ole"))).toEqual([
      ["Bundle", SKU.AUDIO, "CountViolation", "Error"],
      ["Bundle", SKU.POWER_BI, "CountViolation", "Error"],
    ]);
    expect(consumedUnits(t, SKU.AUDIO)).toBe(0);
  });

  it("a license that goes away leaves its plans listed as Deleted, stamped when removed", () => {
    const t = tinyTenant(
      [person("pia", { groups: ["Staff"], licenses: [{ sku: "EXCHANGESTANDARD" }] })],
      {},
      {
        groups: [
          {
            name: "Staff",
            licenses: [{ sku: "ENTERPRISEPACK", disabledPlans: ["EXCHANGE_S_ENTERPRISE"] }],
          },
        ],
      },
    );
    const pia = userIn(t, "pia");
    pia.directLicenses = [];
    processUser(t, pia, later);
    expect(pia.assignedLicenses).toEqual([{ skuId: SKU.E3, disabledPlans: [PLAN.EXCHANGE_P2] }]);
    expect(pia.assignedPlans).toContainEqual({
      assignedDateTime: "2026-11-20T10:00:00Z",
      capabilityStatus: "Deleted",
      service: "exchange",
      servicePlanId: PLAN.EXCHANGE_P1,
    });
    expect(pia.assignedPlans).toContainEqual(
      expect.objectContaining({
        servicePlanId: PLAN.TEAMS,
        assignedDateTime: "2026-11-02T08:00:00Z",
      }),
    );
    expect(pia.licenseAssignmentStates).toHaveLength(1);
  });
});

describe("stickiness and group queries", () => {
  it("fixing the cause changes nothing until the user is processed", () => {
    const t = tinyTenant([person("quin", { usageLocation: null, groups: ["Staff"] })]);
    const quin = userIn(t, "quin");
    quin.usageLocation = "GB";
    expect(quin.licenseAssignmentStates[0]?.error).toBe("ProhibitedInUsageLocationViolation");
    processUser(t, quin, later);
    expect(quin.licenseAssignmentStates[0]).toMatchObject({
      error: "None",
      state: "Active",
      lastUpdatedDateTime: "2026-11-20T10:00:00Z",
    });
  });

  it("an already active assignment keeps its seat and plans when a conflicting one arrives", () => {
    const t = tinyTenant([person("rik", { groups: ["Staff"] })]);
    const rik = userIn(t, "rik");
    rik.directLicenses = [{ skuId: SKU.EXCHANGE_P1, disabledPlans: [] }];
    processUser(t, rik, later);
    expect(statesOf(t, rik)).toEqual([
      ["direct", SKU.EXCHANGE_P1, "MutuallyExclusiveViolation", "Error"],
      ["Staff", SKU.E3, "None", "Active"],
    ]);
  });

  it("membersWithLicenseErrors lists members failing through that group only", () => {
    const t = tinyTenant([
      person("sam", { groups: ["Staff", "Archive"], usageLocation: null }),
      person("tea", { groups: ["Archive"] }),
      person("uma", { groups: ["Staff", "Archive"] }),
    ]);
    const archive = t.groups.find((g) => g.id === groupId(t, "Archive"))!;
    const staff = t.groups.find((g) => g.id === groupId(t, "Staff"))!;
    const team = t.groups.find((g) => g.id === groupId(t, "Team"))!;
    expect(membersWithLicenseErrors(t, archive).map((u) => u.displayName)).toEqual(["sam", "tea"]);
    expect(membersWithLicenseErrors(t, staff).map((u) => u.displayName)).toEqual(["sam"]);
    expect(groupHasMembersWithLicenseErrors(t, staff)).toBe(true);
    expect(groupHasMembersWithLicenseErrors(t, team)).toBe(false);
    expect(t.groups.every((g) => g.licenseProcessingState === "ProcessingComplete")).toBe(true);
  });
});
