import type { LicenseErrorCode, ServicePlan, User } from "../tenant/model";
import { type ProcessingContext, sharesProxyAddress } from "./context";

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
  wasActive: boolean;
  active: boolean;
}

// Mailbox-bearing plans need a unique address; Exchange Foundation alone provisions no mailbox.
const isMailboxPlan = (plan: ServicePlan) =>
  plan.service === "exchange" && plan.servicePlanName !== "EXCHANGE_S_FOUNDATION";

function unitsOf(ctx: ProcessingContext, user: User): Unit[] {
  const previous = user.licenseAssignmentStates;
  const wasActive = (s: AssignmentSource) =>
    previous.some(
      (p) => p.assignedByGroup === s.groupId && p.skuId === s.skuId && p.state === "Active",
    );
  const unit = (sources: AssignmentSource[]): Unit => ({
    outcomes: sources.map((source) => ({ source, error: "None", enabledPlans: [] })),
    wasActive: sources.every(wasActive),
    active: false,
  });
  const direct = user.directLicenses.map((l) =>
    unit([{ groupId: null, skuId: l.skuId, disabledPlans: [...l.disabledPlans] }]),
  );
  const groups = (ctx.licensedGroupsOf.get(user.id) ?? []).map((g) =>
    unit(
      g.assignedLicenses.map((l) => ({
        groupId: g.id,
        skuId: l.skuId,
        disabledPlans: [...l.disabledPlans],
      })),
    ),
  );
  return [...direct, ...groups];
}

function fail(unit: Unit, error: LicenseErrorCode): void {
  unit.active = false;
  for (const outcome of unit.outcomes) outcome.error = error;
}

/**
 * Decides every assignment source of a user, as the licensing service does: assignments that were
 * already active keep their claim on seats and plans, then the rest in order (direct, then groups).
 */
export function evaluateUser(ctx: ProcessingContext, user: User): SourceOutcome[] {
  const units = unitsOf(ctx, user);
  const ordered = [...units.filter((u) => u.wasActive), ...units.filter((u) => !u.wasActive)];
  const held = new Set(user.assignedLicenses.map((l) => l.skuId));
  const activePlans = new Set<string>();
  const activeSkus = new Set<string>();
  const sharesAddress = sharesProxyAddress(ctx, user);

  for (const unit of ordered) {
    // A group's licenses are granted all together or not at all.
    const unitPlans = new Set<string>();
    let error: LicenseErrorCode = "None";
    for (const outcome of unit.outcomes) {
      const sku = ctx.skus.get(outcome.source.skuId);
      if (!sku) {
        error = "Other";
        break;
      }
      outcome.enabledPlans = sku.servicePlans.filter(
        (p) => !outcome.source.disabledPlans.includes(p.servicePlanId),
      );
      error = firstCause(ctx, user, outcome, {
        sharesAddress,
        isPlanActive: (id) => activePlans.has(id) || unitPlans.has(id),
        seatAvailable:
          activeSkus.has(sku.skuId) ||
          held.has(sku.skuId) ||
          (ctx.consumed.get(sku.skuId) ?? 0) < sku.prepaidUnits.enabled,
      });
      if (error !== "None") break;
      for (const plan of outcome.enabledPlans) unitPlans.add(plan.servicePlanId);
    }
    if (error !== "None") {
      fail(unit, error);
      continue;
    }
    unit.active = true;
    for (const id of unitPlans) activePlans.add(id);
    for (const outcome of unit.outcomes) activeSkus.add(outcome.source.skuId);
  }

  failMissingDependencies(ordered);
  return units.flatMap((u) => u.outcomes);
}

interface Situation {
  sharesAddress: boolean;
  isPlanActive: (servicePlanId: string) => boolean;
  seatAvailable: boolean;
}

function firstCause(
  ctx: ProcessingContext,
  user: User,
  outcome: SourceOutcome,
  situation: Situation,
): LicenseErrorCode {
  const sku = ctx.skus.get(outcome.source.skuId);
  if (!sku) return "Other";
  if (user.usageLocation === null || sku.notSoldIn.includes(user.usageLocation.toUpperCase())) {
    return "ProhibitedInUsageLocationViolation";
  }
  if (user.blockedForOtherReason) return "Other";
  if (situation.sharesAddress && outcome.enabledPlans.some(isMailboxPlan)) {
    return "UniquenessViolation";
  }
  const conflicts = outcome.enabledPlans.some((p) => p.conflictsWith.some(situation.isPlanActive));
  if (conflicts) return "MutuallyExclusiveViolation";
  if (!situation.seatAvailable) return "CountViolation";
  return "None";
}

/** Drops active units whose plans lack a prerequisite, until what remains is consistent. */
function failMissingDependencies(units: Unit[]): void {
  const hasPrerequisites = units.some((u) =>
    u.outcomes.some((o) => o.enabledPlans.some((p) => p.dependsOnAnyOf.length > 0)),
  );
  while (hasPrerequisites) {
    const enabled = new Set(
      units
        .filter((u) => u.active)
        .flatMap((u) => u.outcomes.flatMap((o) => o.enabledPlans.map((p) => p.servicePlanId))),
    );
    const broken = units.find(
      (u) =>
        u.active &&
        u.outcomes.some((o) =>
          o.enabledPlans.some(
            (p) => p.dependsOnAnyOf.length > 0 && !p.dependsOnAnyOf.some((id) => enabled.has(id)),
          ),
        ),
    );
    if (!broken) return;
    fail(broken, "DependencyViolation");
  }
}
