import { buildTenant } from "../../seed/build";
import type { TenantDescriptionInput, UserDescriptionInput } from "../../seed/schema";
import type { Tenant, User } from "../../tenant/model";

export const DOMAIN = "tailspin.test";
export const SKU = {
  E3: "6fd2c87f-b296-42f0-b197-1e91e994b900",
  EXCHANGE_P1: "4b9405b0-7788-4568-add1-99614e613b69",
  ARCHIVE: "ee02fd1b-340e-4a4b-b355-4a514e4c8943",
  AUDIO: "0c266dff-15dd-4b49-8397-2bb16070ed52",
  POWER_BI: "f8a1db68-be16-40ed-86d5-cb42ce701560",
};
export const PLAN = {
  EXCHANGE_P1: "9aaf7827-d63c-4b61-89c3-182f06f82e5c",
  EXCHANGE_P2: "efb87545-963c-4e0d-99df-69c6916d9eb0",
  ARCHIVE: "176a09a6-7ec5-4039-ac02-b2791c6ba793",
  TEAMS: "57ff2da0-773e-42df-b2af-ffb7a2317929",
  SWAY: "a23b959c-7ce8-4e57-9140-b90eb88a9e97",
};

/** A person at Tailspin; usage location US unless said otherwise. */
export const person = (alias: string, extra: Partial<UserDescriptionInput> = {}) => ({
  userPrincipalName: `${alias}@${DOMAIN}`,
  displayName: alias,
  usageLocation: "US",
  ...extra,
});

/** A small tenant: E3 for "Staff", plus add-on groups; seats as given. */
export function tinyTenant(
  users: UserDescriptionInput[],
  seats: Partial<Record<"E3" | "EXCHANGESTANDARD" | "ARCHIVE" | "AUDIO" | "POWER_BI", number>> = {},
  extra: Partial<TenantDescriptionInput> = {},
): Tenant {
  return buildTenant({
    tenant: { displayName: "Tailspin", defaultDomain: DOMAIN },
    skus: [
      { partNumber: "ENTERPRISEPACK", prepaid: seats.E3 ?? 10 },
      { partNumber: "EXCHANGESTANDARD", prepaid: seats.EXCHANGESTANDARD ?? 10 },
      { partNumber: "EXCHANGEARCHIVE_ADDON", prepaid: seats.ARCHIVE ?? 10 },
      { partNumber: "MCOMEETADV", prepaid: seats.AUDIO ?? 10 },
      { partNumber: "POWER_BI_PRO", prepaid: seats.POWER_BI ?? 10 },
    ],
    groups: [
      { name: "Staff", licenses: [{ sku: "ENTERPRISEPACK" }] },
      { name: "Archive", licenses: [{ sku: "EXCHANGEARCHIVE_ADDON" }] },
      { name: "Audio", licenses: [{ sku: "MCOMEETADV" }] },
      { name: "Reports", licenses: [{ sku: "POWER_BI_PRO" }] },
      { name: "Bundle", licenses: [{ sku: "MCOMEETADV" }, { sku: "POWER_BI_PRO" }] },
      { name: "Team" },
    ],
    users,
    ...extra,
  });
}

export const userIn = (tenant: Tenant, alias: string): User => {
  const user = tenant.users.find((u) => u.userPrincipalName === `${alias}@${DOMAIN}`);
  if (!user) throw new Error(`no user ${alias}`);
  return user;
};

export const groupId = (tenant: Tenant, name: string): string => {
  const group = tenant.groups.find((g) => g.displayName === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
};

/** `[groupName | "direct", skuId, error, state]` for each assignment source. */
export const statesOf = (tenant: Tenant, user: User) =>
  user.licenseAssignmentStates.map((s) => [
    s.assignedByGroup === null
      ? "direct"
      : tenant.groups.find((g) => g.id === s.assignedByGroup)?.displayName,
    s.skuId,
    s.error,
    s.state,
  ]);
