import type { Group, Tenant, User } from "../tenant/model";
import { createContext, type ProcessingContext, recount } from "./context";
import { deriveResult } from "./derive";
import { evaluateUser } from "./evaluate";

function applyProcessing(ctx: ProcessingContext, user: User, now: Date): void {
  const before = user.assignedLicenses.map((l) => l.skuId);
  const result = deriveResult(user, evaluateUser(ctx, user), now);
  user.licenseAssignmentStates = result.licenseAssignmentStates;
  user.assignedLicenses = result.assignedLicenses;
  user.assignedPlans = result.assignedPlans;
  recount(
    ctx,
    before,
    result.assignedLicenses.map((l) => l.skuId),
  );
}

/** Re-evaluates every license source of one user; the only thing that changes a user's states. */
export function processUser(tenant: Tenant, user: User, now: Date): void {
  applyProcessing(createContext(tenant), user, now);
}

/** Processes these users one after another, in the order given. */
export function processUsers(tenant: Tenant, users: User[], now: Date): void {
  const ctx = createContext(tenant);
  for (const user of users) applyProcessing(ctx, user, now);
}

/** Processes every user in directory order, so seats run out for the last users. */
export function processTenant(tenant: Tenant, now: Date): void {
  processUsers(tenant, tenant.users, now);
  for (const group of tenant.groups) group.licenseProcessingState = "ProcessingComplete";
}

/** Users holding the product (one seat each, however many sources grant it). */
export function consumedUnits(tenant: Tenant, skuId: string): number {
  return tenant.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === skuId)).length;
}

export function userHasLicenseErrors(user: User): boolean {
  return user.licenseAssignmentStates.some((s) => s.error !== "None");
}

const failsThroughGroup = (user: User, group: Group) =>
  user.licenseAssignmentStates.some((s) => s.assignedByGroup === group.id && s.error !== "None");

/** Members whose license assignment from this group is in error, in membership order. */
export function membersWithLicenseErrors(tenant: Tenant, group: Group): User[] {
  const byId = new Map(tenant.users.map((u) => [u.id, u]));
  return group.memberIds
    .map((id) => byId.get(id))
    .filter((u): u is User => u !== undefined && failsThroughGroup(u, group));
}

export function groupHasMembersWithLicenseErrors(tenant: Tenant, group: Group): boolean {
  if (group.assignedLicenses.length === 0) return false;
  const members = new Set(group.memberIds);
  return tenant.users.some((u) => members.has(u.id) && failsThroughGroup(u, group));
}
