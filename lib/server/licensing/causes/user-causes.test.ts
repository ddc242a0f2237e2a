import { describe, expect, it } from "vitest";
import { RULE_SOURCES } from "./plan-rules";
import {
  GROUP,
  licensingContext,
  PLAN,
  SKU,
  state,
  subscribedSkus,
  user,
} from "./testing/tenant-payloads";
import { nameUserCauses } from "./user-causes";

const USER = "5b8a3c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d";
const SINCE = "2026-11-03T08:15:00Z";
const allStaff = { groupId: GROUP.allStaff, groupName: "All staff", since: SINCE };
const direct = { groupId: null, groupName: null, since: SINCE };
const e3 = { skuId: SKU.e3, name: "Office 365 E3" };

const only = (causes: ReturnType<typeof nameUserCauses>) => {
  expect(causes).toHaveLength(1);
  return causes[0]!;
};

describe("a user's named license causes", () => {
  it("names both conflicting plans with their products and sources, and what each fix takes away", () => {
    const named = only(
      nameUserCauses(
        user([
          state(SKU.exchange1, null),
          state(SKU.e3, GROUP.allStaff, "MutuallyExclusiveViolation"),
        ]),
        licensingContext(),
      ),
    );
    expect(named.cause).toEqual({
      kind: "conflict",
      failing: {
        plan: { servicePlanId: PLAN.exchange2, name: "Exchange Online (Plan 2)" },
        product: e3,
        source: allStaff,
        error: "MutuallyExclusiveViolation",
      },
      with: [
        {
          plan: { servicePlanId: PLAN.exchange1, name: "Exchange Online (Plan 1)" },
          product: { skuId: SKU.exchange1, name: "Exchange Online (Plan 1)" },
          source: direct,
          error: "None",
        },
      ],
      source: RULE_SOURCES.resolveProblems,
      reprocessMayClear: true,
    });
    expect(named.fixes.map((f) => [f.key, f.action, f.scope])).toEqual([
      [
        `reprocess:allowed:${[PLAN.exchange1, PLAN.exchange2].sort().join("+")}`,
        "reprocess",
        "user",
      ],
      [`remove:${USER}:direct:${SKU.exchange1}`, "removeLicense", "user"],
      [`group-plan:${GROUP.allStaff}:${SKU.e3}:${PLAN.exchange2}`, "disablePlan", "group"],
    ]);
    // Removing Plan 1 loses its own plans that E3 lacks; Intune comes with E3 too.
    expect(named.fixes[1]!.takesAway.map((p) => p.servicePlanId)).toEqual([
      PLAN.exchange1,
      PLAN.todo1,
    ]);
    expect(named.fixes[2]!.takesAway.map((p) => p.servicePlanId)).toEqual([PLAN.exchange2]);
  });

  it("names the missing prerequisite and the tenant's products that include it, with free seats", () => {
    const named = only(
      nameUserCauses(
        user([state(SKU.archive, GROUP.archive, "DependencyViolation")]),
        licensingContext(),
      ),
    );
    expect(named.cause).toEqual({
      kind: "missingPrerequisite",
      failing: {
        plan: { servicePlanId: PLAN.archive, name: "Exchange Online Archiving" },
        product: { skuId: SKU.archive, name: "Exchange Online Archiving for Exchange Online" },
        source: { groupId: GROUP.archive, groupName: "Exchange archive add-on", since: SINCE },
        error: "DependencyViolation",
      },
      needsAnyOf: [
        { servicePlanId: PLAN.exchange1, name: "Exchange Online (Plan 1)" },
        { servicePlanId: PLAN.exchange2, name: "Exchange Online (Plan 2)" },
        { servicePlanId: PLAN.kiosk, name: "Exchange Online Kiosk" },
      ],
      providers: [
        { product: e3, available: 50 },
        { product: { skuId: SKU.exchange1, name: "Exchange Online (Plan 1)" }, available: 18 },
      ],
      blockedBy: null,
      source: RULE_SOURCES.exchangeArchiving,
    });
    expect(named.fixes.map((f) => f.key)).toEqual([
      `group-add:${GROUP.archive}:${[PLAN.exchange1, PLAN.exchange2, PLAN.kiosk].sort().join("+")}`,
      `user-add:${USER}:${[PLAN.exchange1, PLAN.exchange2, PLAN.kiosk].sort().join("+")}`,
    ]);
  });

  it("says which failing license would bring the prerequisite when that one fails too", () => {
    const causes = nameUserCauses(
      user([
        state(SKU.e3, GROUP.allStaff, "CountViolation"),
        state(SKU.archive, GROUP.archive, "DependencyViolation"),
      ]),
      licensingContext(
        subscribedSkus().map((s) => (s.skuId === SKU.e3 ? { ...s, consumedUnits: 300 } : s)),
      ),
    );
    const archive = causes.find((c) => c.skuId === SKU.archive)!;
    expect(archive.cause).toMatchObject({
      kind: "missingPrerequisite",
      blockedBy: {
        plan: { servicePlanId: PLAN.exchange2 },
        product: e3,
        source: allStaff,
        error: "CountViolation",
      },
    });
    expect(archive.fixes[0]).toMatchObject({ action: "fixOtherLicense" });
  });

  it("names an empty usage location, or the country the product is not sold in", () => {
    const none = only(
      nameUserCauses(
        user([state(SKU.e3, GROUP.allStaff, "ProhibitedInUsageLocationViolation")], null),
        licensingContext(),
      ),
    );
    expect(none.cause).toEqual({ kind: "usageLocation", product: e3, usageLocation: null });
    expect(none.fixes).toEqual([
      expect.objectContaining({ key: `location:${USER}`, action: "setUsageLocation" }),
    ]);
    const iran = only(
      nameUserCauses(
        user([state(SKU.e3, GROUP.allStaff, "ProhibitedInUsageLocationViolation")], "IR"),
        licensingContext(),
      ),
    );
    expect(iran.cause).toEqual({ kind: "usageLocation", product: e3, usageLocation: "IR" });
  });

  it("names the duplicate address and the recipient that holds it, once the addresses were looked up", () => {
    const holder = {
      id: "0d7c1a2b-3e4f-4a5b-8c9d-0e1f2a3b4c5d",
      type: "user" as const,
      displayName: "Alan Vance",
      detail: "alan.vance@contoso.onmicrosoft.com",
      accountEnabled: false,
    };
    const named = only(
      nameUserCauses(
        user([state(SKU.e3, GROUP.allStaff, "UniquenessViolation")]),
        licensingContext(),
        {
          addresses: {
            addresses: ["avance@contoso.onmicrosoft.com"],
            holders: [holder],
            lookup: "found",
            missing: [],
          },
        },
      ),
    );
    expect(named.cause).toEqual({
      kind: "duplicateAddress",
      product: e3,
      addresses: ["avance@contoso.onmicrosoft.com"],
      holders: [holder],
      lookup: "found",
      missing: [],
    });
    expect(named.fixes[0]).toMatchObject({
      key: "address:avance@contoso.onmicrosoft.com",
      action: "changeAddress",
    });
  });

  it("names a product out of seats with its counts, and a sibling product of the same group that took this one down", () => {
    const context = licensingContext();
    const seats = only(
      nameUserCauses(user([state(SKU.powerBi, GROUP.powerBi, "CountViolation")]), context),
    );
    expect(seats.cause).toEqual({
      kind: "seats",
      product: { skuId: SKU.powerBi, name: "Power BI Pro" },
      prepaid: 40,
      consumed: 40,
      available: 0,
    });
    expect(seats.fixes[0]).toMatchObject({
      key: `seats:${SKU.powerBi}`,
      action: "addSeats",
      scope: "tenant",
    });
    // One group gives E3 (seats free) and Power BI (none): both fail, for Power BI's seats.
    const causes = nameUserCauses(
      user([
        state(SKU.e3, GROUP.powerBi, "CountViolation"),
        state(SKU.powerBi, GROUP.powerBi, "CountViolation"),
      ]),
      context,
    );
    expect(causes[0]).toMatchObject({
      skuId: SKU.e3,
      cause: { kind: "seats", product: { skuId: SKU.powerBi } },
      viaSibling: { skuId: SKU.powerBi, name: "Power BI Pro" },
    });
  });

  it("says seats are free again when they were added after the error, so a reprocess is the fix", () => {
    const named = only(
      nameUserCauses(
        user([state(SKU.powerBi, GROUP.powerBi, "CountViolation")]),
        licensingContext(subscribedSkus({ powerBi: [45, 40] })),
      ),
    );
    expect(named.cause).toMatchObject({ kind: "seats", available: 5 });
    expect(named.fixes[0]).toMatchObject({ action: "reprocess", key: `seats:${SKU.powerBi}` });
  });

  it("names a product the tenant has no subscription to", () => {
    const named = only(
      nameUserCauses(user([state(SKU.visio, GROUP.allStaff, "Other")]), licensingContext()),
    );
    expect(named.cause).toEqual({
      kind: "noSubscription",
      product: { skuId: SKU.visio, name: "Visio Plan 2" },
    });
  });

  it("says plainly when the cause cannot be determined, with Microsoft's words and the time", () => {
    const message = {
      message: "The licensing service could not assign the license.",
      occurredAt: "2026-11-02T10:00:00Z",
    };
    const cases = [
      ["Other", "gave no reason"],
      ["MutuallyExclusiveViolation", "None of the conflicts Microsoft has published"],
      ["DependencyViolation", "None of the prerequisites Microsoft has published"],
      ["SomethingNew", 'does not know the error code "SomethingNew"'],
    ] as const;
    for (const [code, reason] of cases) {
      const named = only(
        nameUserCauses(user([state(SKU.e3, GROUP.allStaff, code)]), licensingContext(), {
          microsoftMessage: () => message,
        }),
      );
      expect(named.cause).toEqual({
        kind: "undetermined",
        code,
        reason: expect.stringContaining(reason),
        microsoftMessage: message.message,
        occurredAt: message.occurredAt,
      });
      expect(named.fixes).toEqual([expect.objectContaining({ action: "reprocess" })]);
    }
  });

  it("reads the beta API's spelling of the dependency code as v1.0's", () => {
    const named = only(
      nameUserCauses(user([state(SKU.archive, null, "MissingDependency")]), licensingContext()),
    );
    expect(named.cause.kind).toBe("missingPrerequisite");
  });
});
