import "server-only";
import type { NamedCause } from "@/lib/api/license-causes";
import type { PlanKnowledge } from "./plan-knowledge";
import { licenseRef, unitOf, type UserLicense } from "./user-licenses";

/**
 * The first plan of `license` whose published prerequisites are all off for the user, counting what the
 * working licenses and the license's own group turn on; null when no rule explains the failure.
 */
export function namePrerequisite(
  license: UserLicense,
  all: readonly UserLicense[],
  knowledge: PlanKnowledge,
): Extract<NamedCause, { kind: "missingPrerequisite" }> | null {
  const unit = unitOf(license, all);
  const on = new Set([
    ...all.filter((l) => !l.failing).flatMap((l) => l.plans),
    ...unit.flatMap((l) => l.plans),
  ]);
  for (const planId of license.plans) {
    const rule = knowledge.prerequisiteOf(planId);
    if (!rule || rule.anyOf.some((p) => on.has(p.id))) continue;
    const anyOf = rule.anyOf.map((p) => p.id);
    const blocked = all.find(
      (l) => l.failing && !unit.includes(l) && l.plans.some((p) => anyOf.includes(p)),
    );
    return {
      kind: "missingPrerequisite",
      failing: licenseRef(license, planId, knowledge),
      needsAnyOf: anyOf.map((id) => knowledge.plan(id)),
      providers: knowledge.providersOf(anyOf),
      blockedBy: blocked
        ? licenseRef(
            blocked,
            blocked.plans.find((p) => anyOf.includes(p))!,
            knowledge,
          )
        : null,
      source: rule.source,
    };
  }
  return null;
}
