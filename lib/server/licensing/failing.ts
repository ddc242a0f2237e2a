import "server-only";
import type { FailingAssignment, LicenseErrorRow, SeatCounts } from "@/lib/api/license-errors";
import type { GraphSubscribedSku, GraphUserLicensing } from "../graph/types";
import type { LicenseNames } from "../names/resolver";
import { causeLineOf } from "./causes/cause-line";
import { fixesFor } from "./causes/fix-options";
import { nameCause } from "./causes/name-cause";
import type { PlanKnowledge } from "./causes/plan-knowledge";
import { causeFactsOf } from "./causes/user-causes";
import { hasErrorCode } from "./assignment-state";
import { normalizeErrorCode } from "./error-codes";
import { explainLicenseError } from "./explanations";

/** What the app needs to describe a tenant's licensing: names, seats and group names. */
export interface LicensingContext {
  names: LicenseNames;
  skus: ReadonlyMap<string, GraphSubscribedSku>;
  knowledge: PlanKnowledge;
  groupName(groupId: string): string | null;
}

/** Seats as the admin portal counts them: enabled units bought, units assigned, and the difference. */
export function seatsOf(sku: GraphSubscribedSku): SeatCounts {
  const prepaid = sku.prepaidUnits.enabled;
  return { prepaid, consumed: sku.consumedUnits, available: prepaid - sku.consumedUnits };
}

/** Every failing assignment of the user, direct and from each group, with its cause in one line. */
export function failingAssignments(
  user: GraphUserLicensing,
  context: LicensingContext,
): FailingAssignment[] {
  const usageLocation = user.usageLocation ?? null;
  const facts = causeFactsOf(user, context);
  return facts.licenses.flatMap((license, i) => {
    if (!license.failing) return [];
    const state = user.licenseAssignmentStates![i]!;
    const error = hasErrorCode(state.error) ? normalizeErrorCode(state.error) : "Unknown";
    const groupId = state.assignedByGroup ?? null;
    const groupName = license.source.groupName;
    const productName = context.names.product(state.skuId);
    const sku = context.skus.get(state.skuId.toLowerCase());
    const seats = error === "CountViolation" && sku ? seatsOf(sku) : null;
    const named = nameCause(license, facts);
    return [
      {
        skuId: state.skuId,
        productName,
        skuPartNumber: context.names.partNumber(state.skuId),
        groupId,
        groupName,
        error,
        state: state.state ?? "Unknown",
        lastUpdatedDateTime: state.lastUpdatedDateTime ?? null,
        explanation: explainLicenseError(error, { productName, groupName, usageLocation, seats }),
        seats,
        causeLine: causeLineOf(named),
        fixes: fixesFor(named, license, user.id, facts).map(({ key, text }) => ({ key, text })),
      },
    ];
  });
}

/** The grid's row for a user, or null when nothing is failing any more. */
export function toLicenseErrorRow(
  user: GraphUserLicensing,
  context: LicensingContext,
): LicenseErrorRow | null {
  const failing = failingAssignments(user, context);
  if (failing.length === 0) return null;
  return {
    id: user.id,
    displayName: user.displayName ?? user.userPrincipalName ?? user.id,
    userPrincipalName: user.userPrincipalName ?? "",
    usageLocation: user.usageLocation ?? null,
    accountEnabled: user.accountEnabled ?? null,
    failing,
  };
}
