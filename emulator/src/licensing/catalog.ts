import type { ServicePlan } from "../tenant/model";
import { servicePlan } from "./plans";

/** A product as sold: real skuId and skuPartNumber, a representative set of its real service plans. */
export interface CatalogProduct {
  skuId: string;
  skuPartNumber: string;
  /** The name admin portals show, e.g. "Office 365 E3". */
  displayName: string;
  servicePlans: ServicePlan[];
  /** ISO 3166 codes where the product is not sold (ProhibitedInUsageLocationViolation). */
  notSoldIn: string[];
}

// Online services are not sold in embargoed countries.
const EMBARGOED = ["CU", "IR", "KP", "SY"];

const E3_PLANS = [
  "EXCHANGE_S_ENTERPRISE",
  "SHAREPOINTENTERPRISE",
  "SHAREPOINTWAC",
  "OFFICESUBSCRIPTION",
  "MCOSTANDARD",
  "TEAMS1",
  "YAMMER_ENTERPRISE",
  "SWAY",
  "FORMS_PLAN_E3",
  "STREAM_O365_E3",
  "PROJECTWORKMANAGEMENT",
  "BPOS_S_TODO_2",
  "FLOW_O365_P2",
  "POWERAPPS_O365_P2",
  "WHITEBOARD_PLAN2",
  "Deskless",
  "INTUNE_O365",
  "RMS_S_ENTERPRISE",
];

const E5_PLANS = [
  "EXCHANGE_S_ENTERPRISE",
  "SHAREPOINTENTERPRISE",
  "SHAREPOINTWAC",
  "OFFICESUBSCRIPTION",
  "MCOSTANDARD",
  "MCOMEETADV",
  "MCOEV",
  "TEAMS1",
  "YAMMER_ENTERPRISE",
  "SWAY",
  "FORMS_PLAN_E5",
  "STREAM_O365_E5",
  "PROJECTWORKMANAGEMENT",
  "BPOS_S_TODO_3",
  "FLOW_O365_P3",
  "POWERAPPS_O365_P3",
  "WHITEBOARD_PLAN3",
  "Deskless",
  "INTUNE_O365",
  "RMS_S_ENTERPRISE",
  "BI_AZURE_P2",
  "EXCHANGE_ANALYTICS",
  "LOCKBOX_ENTERPRISE",
  "THREAT_INTELLIGENCE",
  "ATP_ENTERPRISE",
  "EQUIVIO_ANALYTICS",
  "ADALLOM_S_O365",
];

const product = (
  skuPartNumber: string,
  skuId: string,
  displayName: string,
  plans: string[],
  notSoldIn: string[] = EMBARGOED,
): CatalogProduct => ({
  skuId,
  skuPartNumber,
  displayName,
  servicePlans: plans.map(servicePlan),
  notSoldIn,
});

/** The products the emulator can sell, keyed by skuPartNumber. */
export const CATALOG: readonly CatalogProduct[] = [
  product("ENTERPRISEPACK", "6fd2c87f-b296-42f0-b197-1e91e994b900", "Office 365 E3", E3_PLANS),
  product("ENTERPRISEPREMIUM", "c7df2760-2c81-4ef7-b578-5b5392b571df", "Office 365 E5", E5_PLANS),
  product("SPE_E3", "05e9a617-0261-4cee-bb44-138d3ef5d965", "Microsoft 365 E3", [
    ...E3_PLANS,
    "AAD_PREMIUM",
    "MFA_PREMIUM",
    "ADALLOM_S_DISCOVERY",
    "INTUNE_A",
    "RMS_S_PREMIUM",
  ]),
  product("EXCHANGESTANDARD", "4b9405b0-7788-4568-add1-99614e613b69", "Exchange Online (Plan 1)", [
    "EXCHANGE_S_STANDARD",
    "INTUNE_O365",
    "BPOS_S_TODO_1",
  ]),
  product(
    "EXCHANGEENTERPRISE",
    "19ec0d23-8335-4cbd-94ac-6050e30712fa",
    "Exchange Online (Plan 2)",
    ["EXCHANGE_S_ENTERPRISE"],
  ),
  product(
    "EXCHANGEARCHIVE_ADDON",
    "ee02fd1b-340e-4a4b-b355-4a514e4c8943",
    "Exchange Online Archiving for Exchange Online",
    ["EXCHANGE_S_ARCHIVE_ADDON"],
  ),
  product("POWER_BI_PRO", "f8a1db68-be16-40ed-86d5-cb42ce701560", "Power BI Pro", [
    "EXCHANGE_S_FOUNDATION",
    "BI_AZURE_P2",
  ]),
  product("VISIOCLIENT", "c5928f49-12ba-48f7-ada3-0d743a3601d5", "Visio Plan 2", [
    "EXCHANGE_S_FOUNDATION",
    "ONEDRIVE_BASIC",
    "VISIOONLINE",
    "VISIO_CLIENT_SUBSCRIPTION",
  ]),
  product("PROJECTPROFESSIONAL", "53818b1b-4a27-454b-8896-0dba576410e6", "Project Plan 3", [
    "EXCHANGE_S_FOUNDATION",
    "PROJECT_CLIENT_SUBSCRIPTION",
    "SHAREPOINT_PROJECT",
    "PROJECT_PROFESSIONAL",
    "SHAREPOINTWAC",
  ]),
  // Global audio conferencing is not offered in mainland China (run separately there).
  product(
    "MCOMEETADV",
    "0c266dff-15dd-4b49-8397-2bb16070ed52",
    "Microsoft 365 Audio Conferencing",
    ["MCOMEETADV"],
    [...EMBARGOED, "CN"],
  ),
];

/** The catalog product with this skuPartNumber (case-insensitive), or undefined. */
export const findCatalogProduct = (partNumber: string): CatalogProduct | undefined =>
  CATALOG.find((p) => p.skuPartNumber.toLowerCase() === partNumber.toLowerCase());
