import "server-only";
import type { AssignmentSource, LicenseRef } from "@/lib/api/license-causes";
import type { GraphLicenseAssignmentState } from "../../graph/types";
import { normalizeErrorCode } from "../error-codes";
import { hasErrorCode, isFailing } from "../assignment-state";
import type { PlanKnowledge } from "./plan-knowledge";

/** One of a user's licenses (a product from one source), as the cause code reads it. */
export interface UserLicense {
  skuId: string;
  /** Lower case; null for a direct assignment. */
  groupId: string | null;
  source: AssignmentSource;
  /** `None` when it works. */
  error: string;
  failing: boolean;
  /** Plans it turns on (lower-case ids). */
  plans: readonly string[];
}

export function readUserLicenses(
  states: readonly GraphLicenseAssignmentState[],
  knowledge: PlanKnowledge,
  groupName: (groupId: string) => string | null,
): UserLicense[] {
  return states.map((state) => {
    const groupId = state.assignedByGroup?.toLowerCase() ?? null;
    return {
      skuId: state.skuId,
      groupId,
      source: {
        groupId: state.assignedByGroup ?? null,
        groupName: groupId ? groupName(groupId) : null,
        since: state.lastUpdatedDateTime ?? null,
      },
      error: hasErrorCode(state.error) ? normalizeErrorCode(state.error) : "None",
      failing: isFailing(state),
      plans: knowledge.enabledPlans(state.skuId, state.disabledPlans),
    };
  });
}

/** The license and one of its plans, as the contract names them. */
export const licenseRef = (
  license: UserLicense,
  planId: string,
  knowledge: PlanKnowledge,
): LicenseRef => ({
  plan: knowledge.plan(planId),
  product: knowledge.product(license.skuId),
  source: license.source,
  error: license.error,
});

/** The license a reference names: the same product from the same source. */
export const licenseNamed = (ref: LicenseRef, all: readonly UserLicense[]) =>
  all.find(
    (l) =>
      l.skuId.toLowerCase() === ref.product.skuId.toLowerCase() &&
      l.groupId === (ref.source.groupId?.toLowerCase() ?? null),
  );

/** Licenses that succeed or fail with this one: the same group's other products (a direct one stands alone). */
export const unitOf = (license: UserLicense, all: readonly UserLicense[]): UserLicense[] =>
  license.groupId === null
    ? [license]
    : [license, ...all.filter((l) => l !== license && l.groupId === license.groupId)];
