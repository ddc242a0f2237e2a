import type { GraphSubscribedSku, GraphUserLicensing } from "../../../graph/types";
import { createLicenseNames } from "../../../names/resolver";
import type { LicensingContext } from "../../failing";
import { createPlanKnowledge } from "../plan-knowledge";

/** Real skuIds and servicePlanIds (Microsoft's "Product names and service plan identifiers for licensing"). */
export const SKU = {
  e3: "6fd2c87f-b296-42f0-b197-1e91e994b900",
  exchange1: "4b9405b0-7788-4568-add1-99614e613b69",
  archive: "ee02fd1b-340e-4a4b-b355-4a514e4c8943",
  powerBi: "f8a1db68-be16-40ed-86d5-cb42ce701560",
  audio: "0c266dff-15dd-4b49-8397-2bb16070ed52",
  visio: "c5928f49-12ba-48f7-ada3-0d743a3601d5",
};

export const PLAN = {
  exchange1: "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
  exchange2: "efb87545-963c-4e0d-99df-69c6916d9eb0",
  kiosk: "4a82b400-a79f-41a4-b4e2-e94f5787b113",
  archive: "176a09a6-7ec5-4039-ac02-b2791c6ba793",
  skype2: "0feaeb32-d00e-4d66-bd5a-43b5b83db82c",
  audio: "3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40",
  teams: "57ff2da0-773e-42df-b2af-ffb7a2317929",
  intune: "882e1d05-acd1-4ccb-8708-6ee03664b117",
  todo1: "5e62787c-c316-451f-b873-1d05acd4d12c",
  todo2: "c87f142c-d1e9-4363-8630-aaea9c4d9ae5",
  foundation: "113feb6c-3fe4-4440-bddc-54d774bf0318",
  bi: "70d33638-9c74-4d01-bfd3-562de28bd4ba",
  visio: "663a804f-1c30-4ff0-9915-9db84f0d1cea",
};

export const GROUP = {
  allStaff: "2c5bd3f0-8b2a-4f0e-9d7e-3e9f5a1b2c3d",
  archive: "9b1f6a2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
  powerBi: "7a1e0c55-0c7f-4d0e-8e41-5b0a6f3c9d21",
};

const GROUP_NAMES: Record<string, string> = {
  [GROUP.allStaff]: "All staff",
  [GROUP.archive]: "Exchange archive add-on",
  [GROUP.powerBi]: "Power BI users",
};

const sku = (
  skuId: string,
  skuPartNumber: string,
  plans: [string, string][],
  prepaid: number,
  consumed: number,
): GraphSubscribedSku => ({
  skuId,
  skuPartNumber,
  capabilityStatus: "Enabled",
  consumedUnits: consumed,
  prepaidUnits: { enabled: prepaid, suspended: 0, warning: 0, lockedOut: 0 },
  servicePlans: plans.map(([servicePlanId, servicePlanName]) => ({
    servicePlanId,
    servicePlanName,
  })),
});

/** A tenant's `GET /subscribedSkus`, as Graph answers it (trimmed to the plans that matter here). */
export const subscribedSkus = (
  seats: { powerBi?: [number, number] } = {},
): GraphSubscribedSku[] => [
  sku(
    SKU.e3,
    "ENTERPRISEPACK",
    [
      [PLAN.exchange2, "EXCHANGE_S_ENTERPRISE"],
      [PLAN.skype2, "MCOSTANDARD"],
      [PLAN.teams, "TEAMS1"],
      [PLAN.intune, "INTUNE_O365"],
      [PLAN.todo2, "BPOS_S_TODO_2"],
    ],
    300,
    250,
  ),
  sku(
    SKU.exchange1,
    "EXCHANGESTANDARD",
    [
      [PLAN.exchange1, "EXCHANGE_S_STANDARD"],
      [PLAN.intune, "INTUNE_O365"],
      [PLAN.todo1, "BPOS_S_TODO_1"],
    ],
    25,
    7,
  ),
  sku(SKU.archive, "EXCHANGEARCHIVE_ADDON", [[PLAN.archive, "EXCHANGE_S_ARCHIVE_ADDON"]], 50, 27),
  sku(
    SKU.powerBi,
    "POWER_BI_PRO",
    [
      [PLAN.foundation, "EXCHANGE_S_FOUNDATION"],
      [PLAN.bi, "BI_AZURE_P2"],
    ],
    ...(seats.powerBi ?? [40, 40]),
  ),
  sku(SKU.audio, "MCOMEETADV", [[PLAN.audio, "MCOMEETADV"]], 60, 37),
];

export function licensingContext(skus = subscribedSkus()): LicensingContext {
  const names = createLicenseNames(skus, undefined);
  const byId = new Map(skus.map((s) => [s.skuId.toLowerCase(), s]));
  return {
    names,
    skus: byId,
    knowledge: createPlanKnowledge(byId, names),
    groupName: (id) => GROUP_NAMES[id] ?? null,
  };
}

type State = NonNullable<GraphUserLicensing["licenseAssignmentStates"]>[number];

/** One of `licenseAssignmentStates`, as Graph writes it. */
export const state = (
  skuId: string,
  group: string | null,
  error = "None",
  disabledPlans: string[] = [],
): State => ({
  skuId,
  assignedByGroup: group,
  state: error === "None" ? "Active" : "Error",
  error,
  lastUpdatedDateTime: "2026-11-03T08:15:00Z",
  disabledPlans,
});

export const user = (states: State[], usageLocation: string | null = "GB"): GraphUserLicensing => ({
  id: "5b8a3c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d",
  displayName: "Adele Vance",
  userPrincipalName: "adele.vance@contoso.onmicrosoft.com",
  accountEnabled: true,
  usageLocation,
  assignedLicenses: states
    .filter((s) => s.error === "None")
    .map((s) => ({ skuId: s.skuId, disabledPlans: s.disabledPlans ?? [] })),
  licenseAssignmentStates: states,
});
