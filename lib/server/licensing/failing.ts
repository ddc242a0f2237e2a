import "server-only";
import type { FailingAssignment, LicenseErrorRow, SeatCounts } from "@/lib/api/license-errors";
import type {
  GraphLicenseAssignmentState,
  GraphSubscribedSku,
  GraphUserLicensing,
} from "../graph/types";
import type { LicenseNames } from "../names/resolver";
import { normalizeErrorCode } from "./error-codes";
import { explainLicenseError } from "./explanations";

const FAILING_STATES = new Set(["error", "activewitherror"]);

/** Graph writes `None` (or null) when an assignment worked. */
export const hasErrorCode = (error: string | null | undefined): error is string =>
  typeof error === "string" && error !== "" && error.toLowerCase() !== "none";

/** An assignment that did not fully work: an error code, or a state that says so. */
export const isFailing = (state: GraphLicenseAssignmentState) =>
  hasErrorCode(state.error) || FAILING_STATES.has((state.state ?? "").toLowerCase());

/** What the app needs to describe a tenant's licensing: names, seats and group names. */
export interface LicensingContext {
  names: LicenseNames;
  skus: ReadonlyMap<string, GraphSubscribedSku>;
  groupName(groupId: string): string | null;
}

/** Seats as the admin portal counts them: enabled units bought, units assigned, and the difference. */
export function seatsOf(sku: GraphSubscribedSku): SeatCounts {
  const prepaid = sku.prepaidUnits.enabled;
  return { prepaid, consumed: sku.consumedUnits, available: prepaid - sku.consumedUnits };
}

export function toFailingAssignment(
  state: GraphLicenseAssignmentState,
  usageLocation: string | null,
  context: LicensingContext,
): FailingAssignment {
  const error = hasErrorCode(state.error) ? normalizeErrorCode(state.error) : "Unknown";
  const groupId = state.assignedByGroup ?? null;
  const groupName = groupId ? context.groupName(groupId) : null;
  const productName = context.names.product(state.skuId);
  const sku = context.skus.get(state.skuId.toLowerCase());
  const seats = error === "CountViolation" && sku ? seatsOf(sku) : null;
  return {
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
  };
}

/** Every failing assignment of the user, direct and from each group. */
export function failingAssignments(
  user: GraphUserLicensing,
  context: LicensingContext,
): FailingAssignment[] {
  const usageLocation = user.usageLocation ?? null;
  return (user.licenseAssignmentStates ?? [])
    .filter(isFailing)
    .map((state) => toFailingAssignment(state, usageLocation, context));
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
