import type { AssignedPlan, LicenseAssignment, LicenseAssignmentState } from "../../tenant/model";
import type { FilterField } from "../odata/resource";

/** Graph's `assignedLicense` shape, copied so callers never hold the model's arrays. */
export const assignedLicenses = (licenses: LicenseAssignment[]) =>
  licenses.map((l) => ({ disabledPlans: [...l.disabledPlans], skuId: l.skuId }));

export const assignedPlans = (plans: AssignedPlan[]) =>
  plans.map((p) => ({
    assignedDateTime: p.assignedDateTime,
    capabilityStatus: p.capabilityStatus,
    service: p.service,
    servicePlanId: p.servicePlanId,
  }));

export const licenseAssignmentStates = (states: LicenseAssignmentState[]) =>
  states.map((s) => ({
    assignedByGroup: s.assignedByGroup,
    disabledPlans: [...s.disabledPlans],
    error: s.error,
    lastUpdatedDateTime: s.lastUpdatedDateTime,
    skuId: s.skuId,
    state: s.state,
  }));

/** `assignedLicenses/any(x:x/skuId eq {guid})`, for users and groups alike. */
export const assignedLicenseFilter = <T extends { assignedLicenses: LicenseAssignment[] }>() => ({
  get: (item: T) => item.assignedLicenses as unknown[],
  fields: {
    skuid: { type: "guid", get: (l) => (l as LicenseAssignment).skuId.toLowerCase(), only: ["eq"] },
  } satisfies Record<string, FilterField<unknown>>,
});
