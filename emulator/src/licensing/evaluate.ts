import type { LicenseErrorCode, ServicePlan, User } from "../tenant/model";
import { grantFor, type ProcessingContext, sharesProxyAddress } from "./context";
import type { Grant } from "./grants";

/** One license from one source: a direct assignment (groupId null) or a group. */
export interface AssignmentSource {
  groupId: string | null;
  skuId: string;
  disabledPlans: string[];
}

export interface SourceOutcome {
  source: AssignmentSource;
  error: LicenseErrorCode;
  /** Plans this source would switch on (its product's plans minus its disabled plans). */
  enabledPlans: ServicePlan[];
}

/** Licenses that succeed or fail together: one direct license, or all licenses of one group. */
interface Unit {
  outcomes: SourceOutcome[];
  grants: (Grant | null)[];
  wasActive: boolean;
  active: boolean;
}

function unitsOf(ctx: ProcessingContext, user: User): Unit[] {
  const previous = user.licenseAssignmentStates;
  const wasActive = (s: AssignmentSource) =>
    previous.some(
      (p) => p.assignedByGroup === s.groupId && p.skuId === s.skuId && p.state === "Active",
    );
  const unit = (sources: AssignmentSource[]): Unit => {
    const grants = sources.map((s) => grantFor(ctx, s.skuId, s.disabledPlans));
    return {
      outcomes: sources.map((source, i) => ({
        source,
        error: "None",
        enabledPlans: grants[i]?.enabledPlans ?? [],
      })),
      grants,
      wasActive: previous.length > 0 && sources.every(wasActive),
      active: false,
    };
  };
  const units = user.directLicenses.map((l) =>
    unit([{ groupId: null, skuId: l.skuId, disabledPlans: l.disabledPlans }]),
  );
  for (const g of ctx.licensedGroupsOf.get(user.id) ?? []) {
    units.push(
      unit(
        g.assignedLicenses.map((l) => ({
          groupId: g.id,
          skuId: l.skuId,
          disabledPlans: l.disabledPlans,
        })),
      ),
    );
  }
  return units;
}

function fail(unit: Unit, error: LicenseErrorCode): void {
  unit.active = false;
  for (const outcome of unit.outcomes) outcome.error = error;
}

interface Situation {
  user: User;
  sharesAddress: boolean;
  isPlanActive: (servicePlanId: string) => boolean;
  seatAvailable: (grant: Grant) => boolean;
}

function firstCause(grant: Grant | null, s: Situation): LicenseErrorCode {
  if (!grant) return "Other";
  const location = s.user.usageLocation;
  if (location === null || grant.sku.notSoldIn.includes(location.toUpperCase())) {
    return "ProhibitedInUsageLocationViolation";
  }
  if (s.user.blockedForOtherReason) return "Other";
  if (s.sharesAddress && grant.provisionsMailbox) return "UniquenessViolation";
  if (grant.conflictIds.some(s.isPlanActive)) return "MutuallyExclusiveViolation";
  if (!s.seatAvailable(grant)) return "CountViolation";
  return "None";
}

/**
 * Decides every assignment source of a user, as the licensing service does: assignments that were
 * already active keep their claim on seats and plans, then the rest in order (direct, then groups).
 */
export function evaluateUser(ctx: ProcessingContext, user: User): SourceOutcome[] {
  const units = unitsOf(ctx, user);
  const ordered = [...units.filter((u) => u.wasActive), ...units.filter((u) => !u.wasActive)];
  // Few licenses per user: arrays beat sets here (10,000 users per run).
  const active: Grant[] = [];
  let pending: Grant[] = [];
  const granted = (id: string) => (g: Grant) => g.planIds.includes(id);
  const situation: Situation = {
    user,
    sharesAddress: sharesProxyAddress(ctx, user),
    isPlanActive: (id) => active.some(granted(id)) || pending.some(granted(id)),
    seatAvailable: ({ sku }) =>
      active.some((g) => g.sku === sku) ||
      user.assignedLicenses.some((l) => l.skuId === sku.skuId) ||
      (ctx.consumed.get(sku.skuId) ?? 0) < sku.prepaidUnits.enabled,
  };

  for (const unit of ordered) {
    // A group's licenses are granted all together or not at all.
    pending = [];
    let error: LicenseErrorCode = "None";
    for (const grant of unit.grants) {
      error = firstCause(grant, situation);
      if (error !== "None" || !grant) break;
      pending.push(grant);
    }
    if (error !== "None") {
      fail(unit, error);
      continue;
    }
    unit.active = true;
    active.push(...pending);
  }

  failMissingPrerequisites(ordered);
  return units.flatMap((u) => u.outcomes);
}

/** Drops active units whose plans lack a prerequisite, until what remains is consistent. */
function failMissingPrerequisites(units: Unit[]): void {
  const needy = (u: Unit) => u.grants.some((g) => g !== null && g.prerequisites.length > 0);
  if (!units.some(needy)) return;
  for (;;) {
    const enabled = new Set(
      units.filter((u) => u.active).flatMap((u) => u.grants.flatMap((g) => g?.planIds ?? [])),
    );
    const broken = units.find(
      (u) =>
        u.active &&
        needy(u) &&
        u.grants.some((g) =>
          g?.prerequisites.some((anyOf) => !anyOf.some((id) => enabled.has(id))),
        ),
    );
    if (!broken) return;
    fail(broken, "DependencyViolation");
  }
}
