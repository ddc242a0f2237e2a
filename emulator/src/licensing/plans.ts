import type { ServicePlan } from "../tenant/model";

/**
 * Real Microsoft 365 service plans (ids and names from Microsoft's "Product names and service plan
 * identifiers for licensing" table; `service` as Graph shows it in assignedPlans).
 */
interface PlanDefinition {
  id: string;
  service: string;
  appliesTo?: "User" | "Company";
  /** Plan names this plan cannot coexist with on one user. */
  conflictsWith?: string[];
  /** Plan names of which the user must hold at least one. */
  dependsOnAnyOf?: string[];
}

const MAILBOX_PLANS = ["EXCHANGE_S_STANDARD", "EXCHANGE_S_ENTERPRISE", "EXCHANGE_S_DESKLESS"];
const VOICE_PLANS = ["MCOSTANDARD", "TEAMS1"];

const PLANS: Record<string, PlanDefinition> = {
  EXCHANGE_S_STANDARD: {
    id: "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
    service: "exchange",
    conflictsWith: ["EXCHANGE_S_ENTERPRISE", "EXCHANGE_S_DESKLESS"],
  },
  EXCHANGE_S_ENTERPRISE: {
    id: "efb87545-963c-4e0d-99df-69c6916d9eb0",
    service: "exchange",
    conflictsWith: ["EXCHANGE_S_STANDARD", "EXCHANGE_S_DESKLESS"],
  },
  EXCHANGE_S_DESKLESS: {
    id: "4a82b400-a79f-41a4-b4e2-e94f5787b113",
    service: "exchange",
    conflictsWith: ["EXCHANGE_S_STANDARD", "EXCHANGE_S_ENTERPRISE"],
  },
  EXCHANGE_S_ARCHIVE_ADDON: {
    id: "176a09a6-7ec5-4039-ac02-b2791c6ba793",
    service: "exchange",
    dependsOnAnyOf: MAILBOX_PLANS,
  },
  EXCHANGE_S_FOUNDATION: {
    id: "113feb6c-3fe4-4440-bddc-54d774bf0318",
    service: "exchange",
    appliesTo: "Company",
  },
  EXCHANGE_ANALYTICS: { id: "34c0d7a0-a70f-4668-9238-47f9fc208882", service: "exchange" },
  LOCKBOX_ENTERPRISE: { id: "9f431833-0334-42de-a7dc-70aa40db46db", service: "exchange" },
  THREAT_INTELLIGENCE: { id: "8e0c0a52-6a6c-4d40-8370-dd62790dcd70", service: "exchange" },
  ATP_ENTERPRISE: { id: "f20fedf3-f3c3-43c3-8267-2bfdd51c0939", service: "exchange" },
  EQUIVIO_ANALYTICS: { id: "4de31727-a228-4ec3-a5bf-8e45b5ca48cc", service: "exchange" },
  SHAREPOINTENTERPRISE: { id: "5dbe027f-2339-4123-9542-606e4d348a72", service: "SharePoint" },
  SHAREPOINTWAC: { id: "e95bec33-7c88-4a70-8e19-b10bd9d0c014", service: "SharePoint" },
  OFFICESUBSCRIPTION: { id: "43de0ff5-c92c-492b-9116-175376d08c38", service: "MicrosoftOffice" },
  MCOSTANDARD: {
    id: "0feaeb32-d00e-4d66-bd5a-43b5b83db82c",
    service: "MicrosoftCommunicationsOnline",
  },
  MCOMEETADV: {
    id: "3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40",
    service: "MicrosoftCommunicationsOnline",
    // Microsoft's "Resolve group license assignment problems": "Audio Conferencing is dependent on Skype for Business".
    dependsOnAnyOf: ["MCOSTANDARD"],
  },
  MCOEV: {
    id: "4828c8ec-dc2e-4779-b502-87ac9ce28ab7",
    service: "MicrosoftCommunicationsOnline",
    dependsOnAnyOf: VOICE_PLANS,
  },
  TEAMS1: { id: "57ff2da0-773e-42df-b2af-ffb7a2317929", service: "TeamspaceAPI" },
  YAMMER_ENTERPRISE: { id: "7547a3fe-08ee-4ccb-b430-5077c5041653", service: "YammerEnterprise" },
  SWAY: { id: "a23b959c-7ce8-4e57-9140-b90eb88a9e97", service: "Sway" },
  FORMS_PLAN_E3: { id: "2789c901-c14e-48ab-a76a-be334d9d793a", service: "OfficeForms" },
  FORMS_PLAN_E5: { id: "e212cbc7-0961-4c40-9825-01117710dcb1", service: "OfficeForms" },
  STREAM_O365_E3: { id: "9e700747-8b1d-45e5-ab8d-ef187ceec156", service: "MicrosoftStream" },
  STREAM_O365_E5: { id: "6c6042f5-6f01-4d67-b8c1-eb99d36eed3e", service: "MicrosoftStream" },
  PROJECTWORKMANAGEMENT: {
    id: "b737dad2-2f6c-4c65-90e3-ca563267e8b9",
    service: "ProjectWorkManagement",
  },
  BPOS_S_TODO_1: { id: "5e62787c-c316-451f-b873-1d05acd4d12c", service: "To-Do" },
  BPOS_S_TODO_2: { id: "c87f142c-d1e9-4363-8630-aaea9c4d9ae5", service: "To-Do" },
  BPOS_S_TODO_3: { id: "3fb82609-8c27-4f7b-bd51-30634711ee67", service: "To-Do" },
  FLOW_O365_P2: { id: "76846ad7-7776-4c40-a281-a386362dd1b9", service: "ProcessSimple" },
  FLOW_O365_P3: { id: "07699545-9485-468e-95b6-2fca3738be01", service: "ProcessSimple" },
  POWERAPPS_O365_P2: { id: "c68f8d98-5534-41c8-bf36-22fa496fa792", service: "PowerAppsService" },
  POWERAPPS_O365_P3: { id: "9c0dab89-a30c-4117-86e7-97bda240acd2", service: "PowerAppsService" },
  WHITEBOARD_PLAN2: { id: "94a54592-cd8b-425e-87c6-97868b000b91", service: "WhiteboardServices" },
  WHITEBOARD_PLAN3: { id: "4a51bca5-1eff-43f5-878c-177680f191af", service: "WhiteboardServices" },
  Deskless: { id: "8c7d2df8-86f0-4902-b2ed-a0458298f3b3", service: "Deskless" },
  INTUNE_O365: { id: "882e1d05-acd1-4ccb-8708-6ee03664b117", service: "SCO" },
  RMS_S_ENTERPRISE: { id: "bea4c11e-220a-4e6d-8eb8-8ea15d019f90", service: "RMSOnline" },
  ADALLOM_S_O365: {
    id: "8c098270-9dd4-4350-9b30-ba4703f3b36b",
    service: "Adallom",
    appliesTo: "Company",
  },
  BI_AZURE_P2: { id: "70d33638-9c74-4d01-bfd3-562de28bd4ba", service: "PowerBI" },
  VISIO_CLIENT_SUBSCRIPTION: {
    id: "663a804f-1c30-4ff0-9915-9db84f0d1cea",
    service: "MicrosoftOffice",
  },
  VISIOONLINE: { id: "2bdbaf8f-738f-4ac7-9234-3c3ee2ce7d0f", service: "SharePoint" },
  ONEDRIVE_BASIC: { id: "da792a53-cbc0-4184-a10d-e544dd34b3c1", service: "SharePoint" },
  PROJECT_CLIENT_SUBSCRIPTION: {
    id: "fafd7243-e5c1-4a3a-9e40-495efcb1d3c3",
    service: "MicrosoftOffice",
  },
  SHAREPOINT_PROJECT: { id: "fe71d6c3-a2ea-4499-9778-da042bf08063", service: "SharePoint" },
  PROJECT_PROFESSIONAL: {
    id: "818523f5-016b-4355-9be8-ed6944946ea7",
    service: "ProjectProgramsAndPortfolios",
  },
  AAD_PREMIUM: { id: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", service: "AADPremiumService" },
  MFA_PREMIUM: { id: "8a256a2b-b617-496d-b51b-e76466e88db0", service: "MultiFactorService" },
  ADALLOM_S_DISCOVERY: {
    id: "932ad362-64a8-4783-9106-97849a1a30b9",
    service: "Adallom",
    appliesTo: "Company",
  },
  INTUNE_A: { id: "c1ec4a95-1f05-45b3-a911-aa3fa01094f5", service: "SCO" },
  RMS_S_PREMIUM: { id: "6c57d4b6-3b23-47a5-9bc9-69f17b4947b3", service: "RMSOnline" },
};

const idOf = (name: string): string => {
  const plan = PLANS[name];
  if (!plan) throw new Error(`Unknown service plan ${name}`);
  return plan.id;
};

/** The service plan named `name`, with its conflicts and prerequisites resolved to plan ids. */
export function servicePlan(name: string): ServicePlan {
  const plan = PLANS[name];
  if (!plan) throw new Error(`Unknown service plan ${name}`);
  return {
    servicePlanId: plan.id,
    servicePlanName: name,
    service: plan.service,
    appliesTo: plan.appliesTo ?? "User",
    conflictsWith: (plan.conflictsWith ?? []).map(idOf),
    dependsOnAnyOf: (plan.dependsOnAnyOf ?? []).map(idOf),
  };
}

export const isKnownPlan = (name: string): boolean => name in PLANS;
