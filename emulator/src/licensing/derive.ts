import type {
  AssignedPlan,
  LicenseAssignment,
  LicenseAssignmentState,
  ServicePlan,
  User,
} from "../tenant/model";
import type { SourceOutcome } from "./evaluate";

/** What processing writes on a user. */
export interface ProcessingResult {
  licenseAssignmentStates: LicenseAssignmentState[];
  assignedLicenses: LicenseAssignment[];
  assignedPlans: AssignedPlan[];
}

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** Turns the evaluated sources into the user's new states, licenses and plans. */
export function deriveResult(
  user: User,
  outcomes: SourceOutcome[],
  stamp: string,
  newPlan: (plan: ServicePlan) => AssignedPlan,
): ProcessingResult {
  const active = outcomes.filter((o) => o.error === "None");
  const activeSkus = new Set(active.map((o) => o.source.skuId));

  const licenseAssignmentStates = outcomes.map((o): LicenseAssignmentState => {
    const state =
      o.error === "None" ? "Active" : activeSkus.has(o.source.skuId) ? "ActiveWithError" : "Error";
    const previous = user.licenseAssignmentStates.find(
      (p) => p.assignedByGroup === o.source.groupId && p.skuId === o.source.skuId,
    );
    const unchanged =
      previous !== undefined &&
      previous.state === state &&
      previous.error === o.error &&
      sameList(previous.disabledPlans, o.source.disabledPlans);
    if (unchanged) return previous;
    return {
      assignedByGroup: o.source.groupId,
      disabledPlans: [...o.source.disabledPlans],
      error: o.error,
      lastUpdatedDateTime: stamp,
      skuId: o.source.skuId,
      state,
    };
  });

  // A plan stays off only when every active source of its product disables it.
  const assignedLicenses: LicenseAssignment[] = [];
  for (const skuId of activeSkus) {
    const sources = active.filter((o) => o.source.skuId === skuId);
    const [first, ...rest] = sources.map((o) => o.source.disabledPlans);
    const disabledPlans = (first ?? []).filter((id) => rest.every((d) => d.includes(id)));
    assignedLicenses.push({ skuId, disabledPlans });
  }

  const enabled = new Map<string, ServicePlan>();
  for (const o of active) {
    const license = assignedLicenses.find((l) => l.skuId === o.source.skuId);
    for (const plan of o.enabledPlans) {
      if (!license?.disabledPlans.includes(plan.servicePlanId))
        enabled.set(plan.servicePlanId, plan);
    }
  }
  return {
    licenseAssignmentStates,
    assignedLicenses,
    assignedPlans: mergePlans(user.assignedPlans, enabled, stamp, newPlan),
  };
}

/** Keeps first-assigned dates; plans that went away stay listed as Deleted, as Entra shows them. */
function mergePlans(
  previous: AssignedPlan[],
  enabled: Map<string, ServicePlan>,
  stamp: string,
  newPlan: (plan: ServicePlan) => AssignedPlan,
): AssignedPlan[] {
  if (previous.length === 0) return [...enabled.values()].map(newPlan);
  const listed = new Set<string>();
  const merged = previous.map((p): AssignedPlan => {
    listed.add(p.servicePlanId);
    const stillEnabled = enabled.has(p.servicePlanId);
    if (stillEnabled === (p.capabilityStatus === "Enabled")) return p;
    return stillEnabled
      ? { ...p, capabilityStatus: "Enabled", assignedDateTime: stamp }
      : { ...p, capabilityStatus: "Deleted", assignedDateTime: stamp };
  });
  for (const [id, plan] of enabled) {
    if (!listed.has(id)) merged.push(newPlan(plan));
  }
  return merged;
}
