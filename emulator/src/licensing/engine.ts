import { membersOf, userById } from "../tenant/lookup";
import type { AssignedPlan, Group, ServicePlan, Tenant, User } from "../tenant/model";
import { createContext, type ProcessingContext, recount } from "./context";
import { deriveResult } from "./derive";
import { evaluateUser } from "./evaluate";

/** A time as Graph shows it, in whole seconds: 2026-11-02T08:00:00Z. */
export const timestamp = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, "Z");

/** One processing pass; plans switched on in it share one frozen entry (10,000 users, little garbage). */
interface Run {
  ctx: ProcessingContext;
  stamp: string;
  newPlan: (plan: ServicePlan) => AssignedPlan;
}

function startRun(tenant: Tenant, now: Date): Run {
  const stamp = timestamp(now);
  const entries = new Map<string, AssignedPlan>();
  const newPlan = (plan: ServicePlan) => {
    let entry = entries.get(plan.servicePlanId);
    if (!entry) {
      entry = Object.freeze({
        assignedDateTime: stamp,
        capabilityStatus: "Enabled",
        service: plan.service,
        servicePlanId: plan.servicePlanId,
      });
      entries.set(plan.servicePlanId, entry);
    }
    return entry;
  };
  return { ctx: createContext(tenant), stamp, newPlan };
}

function applyProcessing({ ctx, stamp, newPlan }: Run, user: User): void {
  const before = user.assignedLicenses.map((l) => l.skuId);
  const outcomes = evaluateUser(ctx, user);
  const result = deriveResult(user, outcomes, stamp, newPlan);
  user.licenseAssignmentStates = result.licenseAssignmentStates;
  user.licenseCauses = outcomes.flatMap(({ source, cause }) =>
    cause ? [{ source: { skuId: source.skuId, groupId: source.groupId }, cause }] : [],
  );
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
  applyProcessing(startRun(tenant, now), user);
}

/** Processes these users one after another, in the order given. */
export function processUsers(tenant: Tenant, users: User[], now: Date): void {
  const run = startRun(tenant, now);
  for (const user of users) applyProcessing(run, user);
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
  return membersOf(tenant, group).filter((u) => failsThroughGroup(u, group));
}

export function groupHasMembersWithLicenseErrors(tenant: Tenant, group: Group): boolean {
  if (group.assignedLicenses.length === 0) return false;
  return group.memberIds.some((id) => {
    const user = userById(tenant, id);
    return user !== undefined && failsThroughGroup(user, group);
  });
}
