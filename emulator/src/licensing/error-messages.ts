import type { LicenseAssignmentState, ServicePlan, Sku, Tenant, User } from "../tenant/model";

// Only MissingDependency's wording is Microsoft's (its documentation example); the others follow its style.

const enabledPlanIds = (user: User) =>
  new Set(
    user.assignedPlans.filter((p) => p.capabilityStatus === "Enabled").map((p) => p.servicePlanId),
  );

/** The plans this assignment would switch on: its product's plans minus the disabled ones. */
const plansOf = (sku: Sku, state: LicenseAssignmentState): ServicePlan[] =>
  sku.servicePlans.filter((p) => !state.disabledPlans.includes(p.servicePlanId));

function missingDependency(user: User, plans: ServicePlan[]): string | undefined {
  const available = enabledPlanIds(user);
  for (const plan of plans) available.add(plan.servicePlanId);
  const needy = plans.filter((p) => p.dependsOnAnyOf.length > 0);
  const plan = needy.find((p) => !p.dependsOnAnyOf.some((id) => available.has(id))) ?? needy[0];
  if (!plan) return undefined;
  return `Service plan ${plan.servicePlanId} cannot be assigned without service plan ${plan.dependsOnAnyOf[0]}, which this user does not currently have.`;
}

function mutuallyExclusive(user: User, plans: ServicePlan[]): string | undefined {
  const enabled = enabledPlanIds(user);
  for (const plan of plans) {
    const other = plan.conflictsWith.find((id) => enabled.has(id));
    if (other)
      return `Service plan ${plan.servicePlanId} cannot be assigned with service plan ${other}, which this user currently has.`;
  }
  return undefined;
}

/** Microsoft-style text naming the plans, product or usage location a failing assignment involves. */
export function assignmentErrorMessage(
  tenant: Tenant,
  user: User,
  state: LicenseAssignmentState,
): string {
  const sku = tenant.skus.find((s) => s.skuId === state.skuId);
  const product = sku ? `Product ${sku.skuPartNumber} (${sku.skuId})` : `Product ${state.skuId}`;
  const plans = sku ? plansOf(sku, state) : [];
  switch (state.error) {
    case "DependencyViolation":
      return (
        missingDependency(user, plans) ??
        `${product} cannot be assigned without a service plan this user does not currently have.`
      );
    case "MutuallyExclusiveViolation":
      return (
        mutuallyExclusive(user, plans) ??
        `${product} cannot be assigned with a service plan this user currently has.`
      );
    case "CountViolation":
      return `${product} cannot be assigned because all of its licenses are in use.`;
    case "ProhibitedInUsageLocationViolation":
      return user.usageLocation === null
        ? `${product} cannot be assigned to a user without a usage location.`
        : `${product} cannot be assigned to a user with usage location ${user.usageLocation}, where it is not available.`;
    case "UniquenessViolation":
      return `${product} cannot be assigned because another object in the directory uses one of this user's proxy addresses.`;
    default:
      return `${product} could not be assigned for a reason the licensing service does not report.`;
  }
}
