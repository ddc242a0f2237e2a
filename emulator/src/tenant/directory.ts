import { processUsers } from "../licensing/engine";
import { SeedError } from "../seed/errors";
import { findSku, resolveLicense } from "../seed/products";
import { groupById, userByKey } from "./lookup";
import type { LicenseAssignment, Sku, Tenant, User, Group } from "./model";

/** Directory changes made by the control API; none of them touches licensing results. */

export const findUserByKey = (tenant: Tenant, key: string): User | undefined =>
  userByKey(tenant, key);

export const findGroupByKey = (tenant: Tenant, key: string): Group | undefined => {
  const lower = key.toLowerCase();
  return (
    groupById(tenant, lower) ?? tenant.groups.find((g) => g.displayName.toLowerCase() === lower)
  );
};

export const findSkuByKey = (tenant: Tenant, key: string): Sku | undefined =>
  findSku(tenant.skus, key);

/** Buys (or cancels) seats: `{ add }` changes the enabled count, `{ enabled }` sets it. */
export function changeSeats(sku: Sku, change: { add?: number; enabled?: number }): void {
  const enabled = change.enabled ?? sku.prepaidUnits.enabled + (change.add ?? 0);
  if (enabled < 0) throw new SeedError(`${sku.skuPartNumber} cannot have fewer than 0 seats.`);
  sku.prepaidUnits.enabled = enabled;
}

export interface UserFix {
  usageLocation?: string | null;
  proxyAddresses?: string[];
  blockedForOtherReason?: boolean;
  directLicenses?: { sku: string; disabledPlans: string[] }[];
}

/** Changes causes on a user; its states stay as they are until the user is processed. */
export function fixUser(tenant: Tenant, user: User, fix: UserFix): void {
  const licenses: LicenseAssignment[] | undefined = fix.directLicenses?.map((l) =>
    resolveLicense(tenant.skus, l, "directLicenses"),
  );
  if (fix.usageLocation !== undefined) user.usageLocation = fix.usageLocation;
  if (fix.proxyAddresses !== undefined) user.proxyAddresses = [...fix.proxyAddresses];
  if (fix.blockedForOtherReason !== undefined) {
    user.blockedForOtherReason = fix.blockedForOtherReason;
  }
  if (licenses) user.directLicenses = licenses;
}

/** Adds and removes members, then processes them at `now`, as Entra does on a membership change. */
export function changeMembers(
  tenant: Tenant,
  group: Group,
  add: User[],
  remove: User[],
  now: Date = new Date(),
): void {
  const removed = new Set(remove.map((u) => u.id));
  const members = group.memberIds.filter((id) => !removed.has(id));
  for (const user of add) if (!members.includes(user.id)) members.push(user.id);
  group.memberIds = members;
  processUsers(tenant, [...add, ...remove], now);
}

/** Replaces a group's licenses and processes every member. */
export function changeGroupLicenses(
  tenant: Tenant,
  group: Group,
  licenses: { sku: string; disabledPlans: string[] }[],
): void {
  group.assignedLicenses = licenses.map((l) =>
    resolveLicense(tenant.skus, l, `groups.${group.displayName}`),
  );
  // Directory order, not membership order: seats run out for the same users as in a full run.
  const members = new Set(group.memberIds);
  processUsers(
    tenant,
    tenant.users.filter((u) => members.has(u.id)),
    new Date(),
  );
}
