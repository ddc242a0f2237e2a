import type { ServicePlan, Sku } from "../tenant/model";

/** What one license (a product minus some plans) switches on, worked out once per processing run. */
export interface Grant {
  sku: Sku;
  enabledPlans: ServicePlan[];
  planIds: string[];
  /** Each enabled plan with prerequisites, and the plan ids of which one must be on. */
  prerequisites: { planId: string; anyOf: string[] }[];
  /** Provisions a mailbox, so needs unique addresses (UniquenessViolation). */
  provisionsMailbox: boolean;
}

// Exchange Foundation alone provisions no mailbox.
const isMailboxPlan = (plan: ServicePlan) =>
  plan.service === "exchange" && plan.servicePlanName !== "EXCHANGE_S_FOUNDATION";

export function makeGrant(sku: Sku, disabledPlans: string[]): Grant {
  const enabledPlans = sku.servicePlans.filter((p) => !disabledPlans.includes(p.servicePlanId));
  return {
    sku,
    enabledPlans,
    planIds: enabledPlans.map((p) => p.servicePlanId),
    prerequisites: enabledPlans
      .filter((p) => p.dependsOnAnyOf.length > 0)
      .map((p) => ({ planId: p.servicePlanId, anyOf: p.dependsOnAnyOf })),
    provisionsMailbox: enabledPlans.some(isMailboxPlan),
  };
}
