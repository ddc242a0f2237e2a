import { describe, expect, it } from "vitest";
import type { GraphUserLicensing } from "../graph/types";
import { createPlanKnowledge } from "./causes/plan-knowledge";
import { createLicenseNames } from "../names/resolver";
import { diffSnapshots } from "./diff";
import type { LicensingContext } from "./failing";
import { toSnapshot } from "./snapshot";

const E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
const E5 = "c7df2760-2c81-4ef7-b578-5b5392b571df";
const POWER_BI = "f8a1db68-be16-40ed-86d5-cb42ce701560";
const EXCHANGE_P2 = "efb87545-963c-4e0d-99df-69c6916d9eb0";
const SHAREPOINT = "5dbe027f-2339-4123-9542-606e4d348a72";
const TEAMS = "57ff2da0-773e-42df-b2af-ffb7a2317929";
const SWAY = "a23b959c-7ce8-4e57-9140-b90eb88a9e97";
const YAMMER = "7547a3fe-08ee-4ccb-b430-5077c5041653";
const BI_PLAN = "70d33638-9c74-4d01-bfd3-562de28bd4ba";
const SALES = "11151866-5419-4d93-9141-0603bbf78b42";
const ALL_STAFF = "2c5bd3f0-8b2a-4f0e-9d7e-3e9f5a1b2c3d";
const POWER_BI_USERS = "7a1e0c55-0c7f-4d0e-8e41-5b0a6f3c9d21";

const names = createLicenseNames([], undefined);
const context: LicensingContext = {
  names,
  skus: new Map(),
  knowledge: createPlanKnowledge(new Map(), names),
  groupName: (id) =>
    ({ [SALES]: "Sales", [ALL_STAFF]: "All staff", [POWER_BI_USERS]: "Power BI users" })[id] ??
    null,
};

const plan = (
  servicePlanId: string,
  capabilityStatus = "Enabled",
  service = "exchange",
  assignedDateTime = "2026-11-02T09:14:11Z",
) => ({ servicePlanId, capabilityStatus, service, assignedDateTime });

/** A user as `GET /users/{id}?$select=…` returns them (see graph-licensing.md §10.2). */
const user = (overrides: Partial<GraphUserLicensing>): GraphUserLicensing => ({
  id: "6d325baf-22b7-46fa-a2fc-a2500613ca15",
  displayName: "Catherine Gibson",
  userPrincipalName: "catherine@contoso.com",
  usageLocation: "US",
  accountEnabled: true,
  assignedLicenses: [],
  assignedPlans: [],
  licenseAssignmentStates: [],
  ...overrides,
});

const diff = (before: GraphUserLicensing, after: GraphUserLicensing) =>
  diffSnapshots(
    toSnapshot({ user: before, readAt: new Date("2026-11-30T10:00:00Z") }, context),
    toSnapshot({ user: after, readAt: new Date("2026-11-30T10:00:05Z") }, context),
  );

describe("diffSnapshots", () => {
  it("shows a CountViolation resolved: license added, its plans added, state Error → Active", () => {
    const before = user({
      licenseAssignmentStates: [
        {
          assignedByGroup: POWER_BI_USERS,
          disabledPlans: [],
          error: "CountViolation",
          lastUpdatedDateTime: "2026-11-20T08:00:00Z",
          skuId: POWER_BI,
          state: "Error",
        },
      ],
    });
    const after = user({
      assignedLicenses: [{ skuId: POWER_BI, disabledPlans: [] }],
      assignedPlans: [plan(BI_PLAN, "Enabled", "PowerBI")],
      licenseAssignmentStates: [
        {
          assignedByGroup: POWER_BI_USERS,
          disabledPlans: [],
          error: "None",
          lastUpdatedDateTime: "2026-11-30T10:00:03Z",
          skuId: POWER_BI,
          state: "Active",
        },
      ],
    });

    expect(diff(before, after)).toEqual({
      licenses: {
        added: [{ skuId: POWER_BI, productName: "Power BI Pro" }],
        removed: [],
        changed: [],
      },
      plans: {
        added: [
          {
            servicePlanId: BI_PLAN,
            planName: "Power BI Pro",
            service: "PowerBI",
            capabilityStatus: "Enabled",
          },
        ],
        removed: [],
        changed: [],
      },
      states: [
        {
          skuId: POWER_BI,
          productName: "Power BI Pro",
          groupId: POWER_BI_USERS,
          groupName: "Power BI users",
          before: { state: "Error", error: "CountViolation" },
          after: { state: "Active", error: "None" },
        },
      ],
      summary: "Power BI Pro now active: 1 plan added",
    });
  });

  it("reports disabled plans turned on and off, and a plan gone Enabled → Deleted as removed", () => {
    const before = user({
      assignedLicenses: [{ skuId: E3, disabledPlans: [SWAY, YAMMER] }],
      assignedPlans: [
        plan(EXCHANGE_P2),
        plan(SHAREPOINT, "Enabled", "SharePoint"),
        plan(TEAMS, "Enabled", "TeamspaceAPI"),
      ],
      licenseAssignmentStates: [
        {
          assignedByGroup: SALES,
          disabledPlans: [SWAY, YAMMER],
          error: "None",
          skuId: E3,
          state: "Active",
          lastUpdatedDateTime: null,
        },
      ],
    });
    const after = user({
      assignedLicenses: [{ skuId: E3, disabledPlans: [SWAY, TEAMS] }],
      assignedPlans: [
        plan(EXCHANGE_P2),
        plan(SHAREPOINT, "Enabled", "SharePoint"),
        plan(TEAMS, "Deleted", "TeamspaceAPI"),
        plan(YAMMER, "Enabled", "YammerEnterprise"),
      ],
      licenseAssignmentStates: [
        {
          assignedByGroup: SALES,
          disabledPlans: [SWAY, TEAMS],
          error: null,
          skuId: E3,
          state: "Active",
          lastUpdatedDateTime: null,
        },
      ],
    });

    const result = diff(before, after);

    expect(result.licenses.changed).toEqual([
      {
        skuId: E3,
        productName: "Office 365 E3",
        plansDisabled: [{ id: TEAMS, name: "Microsoft Teams" }],
        plansEnabled: [{ id: YAMMER, name: "Yammer Enterprise" }],
      },
    ]);
    expect(result.plans.removed).toEqual([
      {
        servicePlanId: TEAMS,
        planName: "Microsoft Teams",
        service: "TeamspaceAPI",
        capabilityStatus: "Deleted",
      },
    ]);
    expect(result.plans.changed).toEqual([]);
    expect(result.plans.added.map((p) => p.planName)).toEqual(["Yammer Enterprise"]);
    // `None` and null are the same "no error": the state did not change.
    expect(result.states).toEqual([]);
    expect(result.summary).toBe("1 plan added, 1 plan turned off");
  });

  it("keeps several sources of one SKU apart: only the source that changed is listed", () => {
    const states = (salesError: string, salesState: string) => [
      {
        assignedByGroup: null,
        disabledPlans: [],
        error: "None",
        skuId: E3,
        state: "Active",
        lastUpdatedDateTime: "2026-11-01T00:00:00Z",
      },
      {
        assignedByGroup: ALL_STAFF,
        disabledPlans: [],
        error: "None",
        skuId: E3,
        state: "Active",
        lastUpdatedDateTime: "2026-11-01T00:00:00Z",
      },
      {
        assignedByGroup: SALES,
        disabledPlans: [SWAY],
        error: salesError,
        skuId: E3,
        state: salesState,
        lastUpdatedDateTime: "2026-11-01T00:00:00Z",
      },
    ];
    const licenses = [{ skuId: E3, disabledPlans: [] }];
    const before = user({
      assignedLicenses: licenses,
      licenseAssignmentStates: states("MutuallyExclusiveViolation", "ActiveWithError"),
    });
    const after = user({
      assignedLicenses: licenses,
      licenseAssignmentStates: states("None", "Active"),
    });

    const result = diff(before, after);

    expect(result.states).toEqual([
      {
        skuId: E3,
        productName: "Office 365 E3",
        groupId: SALES,
        groupName: "Sales",
        before: { state: "ActiveWithError", error: "MutuallyExclusiveViolation" },
        after: { state: "Active", error: "None" },
      },
    ]);
    expect(result.licenses).toEqual({ added: [], removed: [], changed: [] });
    expect(result.summary).toBe("Office 365 E3 now active");
  });

  it("lists a source that appeared or went away with null on the other side", () => {
    const direct = {
      assignedByGroup: null,
      disabledPlans: [],
      error: "None",
      skuId: POWER_BI,
      state: "Active",
      lastUpdatedDateTime: null,
    };
    const before = user({
      assignedLicenses: [{ skuId: POWER_BI, disabledPlans: [] }],
      assignedPlans: [plan(BI_PLAN)],
      licenseAssignmentStates: [direct],
    });
    const after = user({ assignedPlans: [], licenseAssignmentStates: [] });

    const result = diff(before, after);

    expect(result.states).toEqual([
      expect.objectContaining({
        skuId: POWER_BI,
        groupId: null,
        before: { state: "Active", error: "None" },
        after: null,
      }),
    ]);
    expect(result.licenses.removed).toEqual([{ skuId: POWER_BI, productName: "Power BI Pro" }]);
    expect(result.plans.removed.map((p) => p.servicePlanId)).toEqual([BI_PLAN]);
    expect(result.summary).toBe("Power BI Pro removed: 1 plan turned off");
  });

  it("names a new failure and a usage location change, and says when nothing changed", () => {
    const before = user({ usageLocation: null });
    const after = user({
      usageLocation: "CU",
      licenseAssignmentStates: [
        {
          assignedByGroup: SALES,
          disabledPlans: [],
          error: "ProhibitedInUsageLocationViolation",
          skuId: E3,
          state: "Error",
          lastUpdatedDateTime: null,
        },
      ],
    });
    expect(diff(before, after).summary).toBe(
      "Usage location unset → CU; Office 365 E3 failed (ProhibitedInUsageLocationViolation)",
    );
    expect(diff(after, after).summary).toBe("No changes");
  });

  describe("a plan Graph lists twice", () => {
    // Removing E3 leaves its plans behind as Deleted; re-adding it lists fresh Enabled entries beside them.
    const e3Direct = (state: string, error: string) => ({
      assignedByGroup: null,
      disabledPlans: [],
      error,
      skuId: E3,
      state,
      lastUpdatedDateTime: "2026-11-30T10:00:03Z",
    });
    const removedE3 = [
      plan(EXCHANGE_P2, "Deleted", "exchange", "2026-10-14T16:02:51Z"),
      plan(SHAREPOINT, "Deleted", "SharePoint", "2026-10-14T16:02:51Z"),
    ];
    const readdedE3 = [
      plan(EXCHANGE_P2, "Enabled", "exchange", "2026-11-30T10:00:02Z"),
      plan(SHAREPOINT, "Enabled", "SharePoint", "2026-11-30T10:00:02Z"),
      ...removedE3,
    ];

    it("counts a re-added license's plans as re-enabled, not hidden by their Deleted twins", () => {
      const before = user({ assignedPlans: removedE3 });
      const after = user({
        assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
        assignedPlans: readdedE3,
        licenseAssignmentStates: [e3Direct("Active", "None")],
      });

      const result = diff(before, after);

      expect(result.plans).toEqual({
        added: [
          {
            servicePlanId: EXCHANGE_P2,
            planName: "Exchange Online (Plan 2)",
            service: "exchange",
            capabilityStatus: "Enabled",
          },
          {
            servicePlanId: SHAREPOINT,
            planName: "SharePoint Online (Plan 2)",
            service: "SharePoint",
            capabilityStatus: "Enabled",
          },
        ],
        removed: [],
        changed: [],
      });
      expect(result.summary).toBe("Office 365 E3 now active: 2 plans re-enabled");
      expect(diff(after, after).summary).toBe("No changes");
    });

    it("turns the plans off when the re-added license goes again, whichever entry comes first", () => {
      const before = user({
        assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
        assignedPlans: [...readdedE3].reverse(),
        licenseAssignmentStates: [e3Direct("Active", "None")],
      });
      const after = user({
        assignedPlans: [
          ...removedE3,
          plan(EXCHANGE_P2, "Deleted", "exchange", "2026-11-30T11:20:40Z"),
          plan(SHAREPOINT, "Deleted", "SharePoint", "2026-11-30T11:20:40Z"),
        ],
      });

      const result = diff(before, after);

      expect(result.plans.removed).toEqual([
        expect.objectContaining({ servicePlanId: SHAREPOINT, capabilityStatus: "Deleted" }),
        expect.objectContaining({ servicePlanId: EXCHANGE_P2, capabilityStatus: "Deleted" }),
      ]);
      expect(result.plans.added).toEqual([]);
      expect(result.plans.changed).toEqual([]);
      expect(result.summary).toBe("Office 365 E3 removed: 2 plans turned off");
    });

    it("keeps a plan two products grant on while one of them is removed", () => {
      // Power BI Pro and Office 365 E5 both carry the Power BI Pro service plan.
      const bothProducts = user({
        assignedLicenses: [
          { skuId: E5, disabledPlans: [] },
          { skuId: POWER_BI, disabledPlans: [] },
        ],
        assignedPlans: [
          plan(BI_PLAN, "Enabled", "PowerBI", "2026-09-01T08:00:00Z"),
          plan(BI_PLAN, "Enabled", "PowerBI", "2026-11-20T08:00:00Z"),
        ],
      });
      const e5Only = user({
        assignedLicenses: [{ skuId: E5, disabledPlans: [] }],
        assignedPlans: [
          plan(BI_PLAN, "Enabled", "PowerBI", "2026-09-01T08:00:00Z"),
          plan(BI_PLAN, "Deleted", "PowerBI", "2026-11-30T10:00:02Z"),
        ],
      });

      const result = diff(bothProducts, e5Only);

      expect(result.licenses.removed).toEqual([{ skuId: POWER_BI, productName: "Power BI Pro" }]);
      expect(result.plans).toEqual({ added: [], removed: [], changed: [] });
      expect(result.summary).toBe("Power BI Pro removed");
    });

    it("reports a move between off statuses as changed, judged by the best entry", () => {
      const suspended = user({
        assignedPlans: [
          plan(EXCHANGE_P2, "Deleted", "exchange", "2026-10-14T16:02:51Z"),
          plan(EXCHANGE_P2, "Suspended", "exchange", "2026-11-02T09:14:11Z"),
        ],
      });
      const lockedOut = user({
        assignedPlans: [
          plan(EXCHANGE_P2, "LockedOut", "exchange", "2026-11-02T09:14:11Z"),
          plan(EXCHANGE_P2, "Deleted", "exchange", "2026-10-14T16:02:51Z"),
        ],
      });

      const result = diff(suspended, lockedOut);

      expect(result.plans).toEqual({
        added: [],
        removed: [],
        changed: [
          {
            servicePlanId: EXCHANGE_P2,
            planName: "Exchange Online (Plan 2)",
            from: "Suspended",
            to: "LockedOut",
          },
        ],
      });
      expect(result.summary).toBe("1 plan changed status");
    });
  });
});
