import "server-only";
import type { LicenseRef, NamedCause } from "@/lib/api/license-causes";
import type { PlanKnowledge } from "./plan-knowledge";
import type { ConflictRule } from "./plan-rules";
import { licenseRef, type UserLicense } from "./user-licenses";

/**
 * The first plan of `license` that a published rule says conflicts with a plan of the user's other
 * licenses, and every license holding such a plan (working ones first); null when no rule explains it.
 */
export function nameConflict(
  license: UserLicense,
  all: readonly UserLicense[],
  knowledge: PlanKnowledge,
): Extract<NamedCause, { kind: "conflict" }> | null {
  const others = [...all.filter((l) => !l.failing), ...all.filter((l) => l.failing)].filter(
    (l) => l !== license,
  );
  for (const planId of license.plans) {
    const found: { with: LicenseRef; rule: ConflictRule }[] = others.flatMap((other) =>
      other.plans.flatMap((otherPlan) => {
        const rule = knowledge.conflictBetween(planId, otherPlan);
        return rule ? [{ with: licenseRef(other, otherPlan, knowledge), rule }] : [];
      }),
    );
    const first = found[0];
    if (!first) continue;
    return {
      kind: "conflict",
      failing: licenseRef(license, planId, knowledge),
      with: found.map((f) => f.with),
      source: first.rule.source,
      reprocessMayClear: found.every((f) => f.rule.reprocessMayClear),
    };
  }
  return null;
}
