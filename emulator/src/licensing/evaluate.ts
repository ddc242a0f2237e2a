import type { LicenseErrorCode, ServicePlan, User } from "../tenant/model";
import { grantFor, type ProcessingContext, sharedAddressesOf, sharesProxyAddress } from "./context";
import type { CauseSource, CreatedCause } from "./created-cause";
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
  /** Why it failed, when it did. */
  cause?: CreatedCause;
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

/** A group's licenses fail together, each with the cause of the one that failed. */
function fail(unit: Unit, cause: CreatedCause): void {
  unit.active = false;
  for (const outcome of unit.outcomes) {
    outcome.error = cause.code;
    outcome.cause = cause;
  }
}

/** A license granted in this processing, and where it comes from. */
interface Held {
  grant: Grant;
  source: CauseSource;
}

interface Situation {
  ctx: ProcessingContext;
  user: User;
  sharesAddress: boolean;
  /** Where a plan already on (or granted earlier in the same group) comes from. */
  holderOf: (servicePlanId: string) => Held | undefined;
  seatAvailable: (grant: Grant) => boolean;
}

/** The first check this license fails, or null when it can be granted. */
function firstCause(
  grant: Grant | null,
  source: AssignmentSource,
  s: Situation,
): CreatedCause | null {
  const trigger = source.skuId;
  if (!grant) return { code: "Other", trigger, reason: "noSubscription" };
  const location = s.user.usageLocation;
  if (location === null || grant.sku.notSoldIn.includes(location.toUpperCase())) {
    return { code: "ProhibitedInUsageLocationViolation", trigger, usageLocation: location };
  }
  if (s.user.blockedForOtherReason) return { code: "Other", trigger, reason: "blocked" };
  if (s.sharesAddress && grant.provisionsMailbox) {
    return { code: "UniquenessViolation", trigger, ...sharedAddressesOf(s.ctx, s.user) };
  }
  for (const plan of grant.enabledPlans) {
    for (const conflictingPlanId of plan.conflictsWith) {
      const held = s.holderOf(conflictingPlanId);
      if (!held) continue;
      return {
        code: "MutuallyExclusiveViolation",
        trigger,
        planId: plan.servicePlanId,
        conflictingPlanId,
        holder: { skuId: held.source.skuId, groupId: held.source.groupId },
      };
    }
  }
  if (!s.seatAvailable(grant)) {
    const consumed = s.ctx.consumed.get(grant.sku.skuId) ?? 0;
    return { code: "CountViolation", trigger, prepaid: grant.sku.prepaidUnits.enabled, consumed };
  }
  return null;
}

/**
 * Decides every assignment source of a user, as the licensing service does: assignments that were
 * already active keep their claim on seats and plans, then the rest in order (direct, then groups).
 */
export function evaluateUser(ctx: ProcessingContext, user: User): SourceOutcome[] {
  const units = unitsOf(ctx, user);
  const ordered = [...units.filter((u) => u.wasActive), ...units.filter((u) => !u.wasActive)];
  // Few licenses per user: arrays beat sets here (10,000 users per run).
  const active: Held[] = [];
  let pending: Held[] = [];
  const granting = (id: string) => (held: Held) => held.grant.planIds.includes(id);
  const situation: Situation = {
    ctx,
    user,
    sharesAddress: sharesProxyAddress(ctx, user),
    holderOf: (id) => active.find(granting(id)) ?? pending.find(granting(id)),
    seatAvailable: ({ sku }) =>
      active.some((held) => held.grant.sku === sku) ||
      user.assignedLicenses.some((l) => l.skuId === sku.skuId) ||
      (ctx.consumed.get(sku.skuId) ?? 0) < sku.prepaidUnits.enabled,
  };

  for (const unit of ordered) {
    // A group's licenses are granted all together or not at all.
    pending = [];
    let cause: CreatedCause | null = null;
    for (const [i, grant] of unit.grants.entries()) {
      const { source } = unit.outcomes[i]!;
      cause = firstCause(grant, source, situation);
      if (cause || !grant) break;
      pending.push({ grant, source });
    }
    if (cause) {
      fail(unit, cause);
      continue;
    }
    unit.active = true;
    active.push(...pending);
  }

  failMissingPrerequisites(ordered);
  return units.flatMap((u) => u.outcomes);
}

/** A plan of an active unit whose prerequisites are all off, with the license that brings it. */
function unmetPrerequisite(unit: Unit, enabled: Set<string>): CreatedCause | null {
  for (const [i, grant] of unit.grants.entries()) {
    const unmet = grant?.prerequisites.find(({ anyOf }) => !anyOf.some((id) => enabled.has(id)));
    if (!unmet) continue;
    return {
      code: "DependencyViolation",
      trigger: unit.outcomes[i]!.source.skuId,
      planId: unmet.planId,
      needsAnyOf: [...unmet.anyOf],
    };
  }
  return null;
}

const needy = (u: Unit) => u.grants.some((g) => g !== null && g.prerequisites.length > 0);

/** The first active unit that lacks a prerequisite, and what it lacks. */
function firstBroken(units: Unit[], enabled: Set<string>) {
  for (const unit of units) {
    if (!unit.active || !needy(unit)) continue;
    const cause = unmetPrerequisite(unit, enabled);
    if (cause) return { unit, cause };
  }
  return null;
}

/** Drops active units whose plans lack a prerequisite, until what remains is consistent. */
function failMissingPrerequisites(units: Unit[]): void {
  if (!units.some(needy)) return;
  for (;;) {
    const enabled = new Set(
      units.filter((u) => u.active).flatMap((u) => u.grants.flatMap((g) => g?.planIds ?? [])),
    );
    const broken = firstBroken(units, enabled);
    if (!broken) return;
    fail(broken.unit, broken.cause);
  }
}
