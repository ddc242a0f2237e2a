import "server-only";

/**
 * Friendly names the project keeps for common products (by skuId) and service plans (by
 * servicePlanId), as Microsoft's "Product names and service plan identifiers for licensing" names
 * them. Kept as data: the ids are the same in every tenant.
 */
export const PRODUCT_NAMES: ReadonlyMap<string, { name: string; partNumber: string }> = new Map([
  ["6fd2c87f-b296-42f0-b197-1e91e994b900", { name: "Office 365 E3", partNumber: "ENTERPRISEPACK" }],
  [
    "c7df2760-2c81-4ef7-b578-5b5392b571df",
    { name: "Office 365 E5", partNumber: "ENTERPRISEPREMIUM" },
  ],
  ["18181a46-0d4e-45cd-891e-60aabd171b4e", { name: "Office 365 E1", partNumber: "STANDARDPACK" }],
  ["4b585984-651b-448a-9e53-3b10f069cf7f", { name: "Office 365 F3", partNumber: "DESKLESSPACK" }],
  ["05e9a617-0261-4cee-bb44-138d3ef5d965", { name: "Microsoft 365 E3", partNumber: "SPE_E3" }],
  ["06ebc4ee-1bb5-47dd-8120-11324bc54e06", { name: "Microsoft 365 E5", partNumber: "SPE_E5" }],
  ["66b55226-6b4f-492c-910c-a3b7a3c9d993", { name: "Microsoft 365 F3", partNumber: "SPE_F1" }],
  [
    "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46",
    { name: "Microsoft 365 Business Premium", partNumber: "SPB" },
  ],
  [
    "f245ecc8-75af-4f8e-b61f-27d8114de5f3",
    { name: "Microsoft 365 Business Standard", partNumber: "O365_BUSINESS_PREMIUM" },
  ],
  [
    "3b555118-da6a-4418-894f-7df1e2096870",
    { name: "Microsoft 365 Business Basic", partNumber: "O365_BUSINESS_ESSENTIALS" },
  ],
  [
    "4b9405b0-7788-4568-add1-99614e613b69",
    { name: "Exchange Online (Plan 1)", partNumber: "EXCHANGESTANDARD" },
  ],
  [
    "19ec0d23-8335-4cbd-94ac-6050e30712fa",
    { name: "Exchange Online (Plan 2)", partNumber: "EXCHANGEENTERPRISE" },
  ],
  [
    "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82",
    { name: "Exchange Online Kiosk", partNumber: "EXCHANGEDESKLESS" },
  ],
  [
    "ee02fd1b-340e-4a4b-b355-4a514e4c8943",
    { name: "Exchange Online Archiving for Exchange Online", partNumber: "EXCHANGEARCHIVE_ADDON" },
  ],
  ["f8a1db68-be16-40ed-86d5-cb42ce701560", { name: "Power BI Pro", partNumber: "POWER_BI_PRO" }],
  [
    "a403ebcc-fae0-4ca2-8c8c-7a907fd6c235",
    { name: "Power BI (free)", partNumber: "POWER_BI_STANDARD" },
  ],
  ["c5928f49-12ba-48f7-ada3-0d743a3601d5", { name: "Visio Plan 2", partNumber: "VISIOCLIENT" }],
  [
    "4b244418-9658-4451-a2b8-b5e2b364e9bd",
    { name: "Visio Plan 1", partNumber: "VISIOONLINE_PLAN1" },
  ],
  [
    "53818b1b-4a27-454b-8896-0dba576410e6",
    { name: "Project Plan 3", partNumber: "PROJECTPROFESSIONAL" },
  ],
  [
    "09015f9f-377f-4538-bbb5-f75ceb09358a",
    { name: "Project Plan 5", partNumber: "PROJECTPREMIUM" },
  ],
  [
    "0c266dff-15dd-4b49-8397-2bb16070ed52",
    { name: "Microsoft 365 Audio Conferencing", partNumber: "MCOMEETADV" },
  ],
  [
    "e43b5b99-8dfb-405f-9987-dc307f34bcbd",
    { name: "Microsoft Teams Phone Standard", partNumber: "MCOEV" },
  ],
  [
    "0dab259f-bf13-4952-b7f8-7db8f131b28d",
    { name: "Microsoft 365 Domestic Calling Plan", partNumber: "MCOPSTN1" },
  ],
  [
    "710779e8-3d4a-4c88-adb9-386c958d1fdf",
    { name: "Microsoft Teams Exploratory", partNumber: "TEAMS_EXPLORATORY" },
  ],
  [
    "efccb6f7-5641-4e0e-bd10-b4976e1bf68e",
    { name: "Enterprise Mobility + Security E3", partNumber: "EMS" },
  ],
  [
    "b05e124f-c7cc-45a0-a6aa-8cf78c946968",
    { name: "Enterprise Mobility + Security E5", partNumber: "EMSPREMIUM" },
  ],
  [
    "078d2b04-f1bd-4111-bbd4-b4b1b354cef4",
    { name: "Microsoft Entra ID P1", partNumber: "AAD_PREMIUM" },
  ],
  [
    "84a661c4-e949-4bd2-a560-ed7766fcaf2b",
    { name: "Microsoft Entra ID P2", partNumber: "AAD_PREMIUM_P2" },
  ],
  [
    "4ef96642-f096-40de-a3e9-d83fb2f90211",
    { name: "Microsoft Defender for Office 365 (Plan 1)", partNumber: "ATP_ENTERPRISE" },
  ],
  [
    "111046dd-295b-4d6d-9724-d52ac90bd1f2",
    { name: "Microsoft Defender for Endpoint", partNumber: "WIN_DEF_ATP" },
  ],
  [
    "f30db892-07e9-47e9-837c-80727f46fd3d",
    { name: "Microsoft Power Automate Free", partNumber: "FLOW_FREE" },
  ],
  [
    "639dec6b-bb19-468b-871c-c5c441c4b0cb",
    { name: "Microsoft 365 Copilot", partNumber: "Microsoft_365_Copilot" },
  ],
]);

export const PLAN_NAMES: ReadonlyMap<string, string> = new Map([
  ["9aaf7827-d63c-4b61-89c3-182f06f82e5c", "Exchange Online (Plan 1)"],
  ["efb87545-963c-4e0d-99df-69c6916d9eb0", "Exchange Online (Plan 2)"],
  ["4a82b400-a79f-41a4-b4e2-e94f5787b113", "Exchange Online Kiosk"],
  ["176a09a6-7ec5-4039-ac02-b2791c6ba793", "Exchange Online Archiving"],
  ["113feb6c-3fe4-4440-bddc-54d774bf0318", "Exchange Foundation"],
  ["34c0d7a0-a70f-4668-9238-47f9fc208882", "Microsoft MyAnalytics (Full)"],
  ["9f431833-0334-42de-a7dc-70aa40db46db", "Customer Lockbox"],
  ["8e0c0a52-6a6c-4d40-8370-dd62790dcd70", "Microsoft Defender for Office 365 (Plan 2)"],
  ["f20fedf3-f3c3-43c3-8267-2bfdd51c0939", "Microsoft Defender for Office 365 (Plan 1)"],
  ["4de31727-a228-4ec3-a5bf-8e45b5ca48cc", "Office 365 Advanced eDiscovery"],
  ["5dbe027f-2339-4123-9542-606e4d348a72", "SharePoint Online (Plan 2)"],
  ["e95bec33-7c88-4a70-8e19-b10bd9d0c014", "Office for the Web"],
  ["43de0ff5-c92c-492b-9116-175376d08c38", "Microsoft 365 Apps for enterprise"],
  ["0feaeb32-d00e-4d66-bd5a-43b5b83db82c", "Skype for Business Online (Plan 2)"],
  ["3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40", "Microsoft 365 Audio Conferencing"],
  ["4828c8ec-dc2e-4779-b502-87ac9ce28ab7", "Microsoft Teams Phone Standard"],
  ["57ff2da0-773e-42df-b2af-ffb7a2317929", "Microsoft Teams"],
  ["7547a3fe-08ee-4ccb-b430-5077c5041653", "Yammer Enterprise"],
  ["a23b959c-7ce8-4e57-9140-b90eb88a9e97", "Sway"],
  ["2789c901-c14e-48ab-a76a-be334d9d793a", "Microsoft Forms (Plan E3)"],
  ["e212cbc7-0961-4c40-9825-01117710dcb1", "Microsoft Forms (Plan E5)"],
  ["9e700747-8b1d-45e5-ab8d-ef187ceec156", "Microsoft Stream for Office 365 E3"],
  ["6c6042f5-6f01-4d67-b8c1-eb99d36eed3e", "Microsoft Stream for Office 365 E5"],
  ["b737dad2-2f6c-4c65-90e3-ca563267e8b9", "Microsoft Planner"],
  ["5e62787c-c316-451f-b873-1d05acd4d12c", "To-Do (Plan 1)"],
  ["c87f142c-d1e9-4363-8630-aaea9c4d9ae5", "To-Do (Plan 2)"],
  ["3fb82609-8c27-4f7b-bd51-30634711ee67", "To-Do (Plan 3)"],
  ["76846ad7-7776-4c40-a281-a386362dd1b9", "Power Automate for Office 365 (E3)"],
  ["07699545-9485-468e-95b6-2fca3738be01", "Power Automate for Office 365 (E5)"],
  ["c68f8d98-5534-41c8-bf36-22fa496fa792", "Power Apps for Office 365 (E3)"],
  ["9c0dab89-a30c-4117-86e7-97bda240acd2", "Power Apps for Office 365 (E5)"],
  ["94a54592-cd8b-425e-87c6-97868b000b91", "Whiteboard (Plan 2)"],
  ["4a51bca5-1eff-43f5-878c-177680f191af", "Whiteboard (Plan 3)"],
  ["8c7d2df8-86f0-4902-b2ed-a0458298f3b3", "Microsoft StaffHub"],
  ["882e1d05-acd1-4ccb-8708-6ee03664b117", "Mobile Device Management for Office 365"],
  ["bea4c11e-220a-4e6d-8eb8-8ea15d019f90", "Azure Rights Management"],
  ["8c098270-9dd4-4350-9b30-ba4703f3b36b", "Office 365 Cloud App Security"],
  ["70d33638-9c74-4d01-bfd3-562de28bd4ba", "Power BI Pro"],
  ["663a804f-1c30-4ff0-9915-9db84f0d1cea", "Visio desktop app"],
  ["2bdbaf8f-738f-4ac7-9234-3c3ee2ce7d0f", "Visio web app"],
  ["da792a53-cbc0-4184-a10d-e544dd34b3c1", "OneDrive for Business (Basic)"],
  ["fafd7243-e5c1-4a3a-9e40-495efcb1d3c3", "Project Online desktop client"],
  ["fe71d6c3-a2ea-4499-9778-da042bf08063", "Project Online Service"],
  ["818523f5-016b-4355-9be8-ed6944946ea7", "Project P3"],
  ["41781fb2-bc02-4b7c-bd55-b576c07bb09d", "Microsoft Entra ID P1"],
  ["8a256a2b-b617-496d-b51b-e76466e88db0", "Microsoft Entra multifactor authentication"],
  ["932ad362-64a8-4783-9106-97849a1a30b9", "Microsoft Defender for Cloud Apps Discovery"],
  ["c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "Microsoft Intune"],
  ["6c57d4b6-3b23-47a5-9bc9-69f17b4947b3", "Azure Information Protection Premium P1"],
]);
