import type { LicenseAssignmentState, Tenant, User } from "../tenant/model";
import { causeOf } from "./created-cause";

// Only MissingDependency's wording is Microsoft's (its documentation example); the others follow its style.

/**
 * Microsoft-style text naming the plans, product or usage location a failing assignment involves, written
 * from the cause the emulator created, so the words and the cause never disagree.
 */
export function assignmentErrorMessage(
  tenant: Tenant,
  user: User,
  state: LicenseAssignmentState,
): string {
  const sku = tenant.skus.find((s) => s.skuId === state.skuId);
  const product = sku ? `Product ${sku.skuPartNumber} (${sku.skuId})` : `Product ${state.skuId}`;
  const cause = causeOf(user, state);
  switch (cause?.code) {
    case "DependencyViolation":
      return `Service plan ${cause.planId} cannot be assigned without service plan ${cause.needsAnyOf[0]}, which this user does not currently have.`;
    case "MutuallyExclusiveViolation":
      return `Service plan ${cause.planId} cannot be assigned with service plan ${cause.conflictingPlanId}, which this user currently has.`;
    case "CountViolation":
      return `${product} cannot be assigned because all of its licenses are in use.`;
    case "ProhibitedInUsageLocationViolation":
      return cause.usageLocation === null
        ? `${product} cannot be assigned to a user without a usage location.`
        : `${product} cannot be assigned to a user with usage location ${cause.usageLocation}, where it is not available.`;
    case "UniquenessViolation":
      return `${product} cannot be assigned because another object in the directory uses one of this user's proxy addresses.`;
    default:
      return `${product} could not be assigned for a reason the licensing service does not report.`;
  }
}
