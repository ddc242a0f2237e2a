import "server-only";
import type { FixOption, LicenseRef, NamedCause, PlanRef } from "@/lib/api/license-causes";
import { countryName } from "@/lib/api/usage-locations";
import type { CauseFacts, Named } from "./name-cause";
import type { PlanKnowledge } from "./plan-knowledge";
import { licenseNamed, type UserLicense } from "./user-licenses";

const sourceWords = (ref: LicenseRef) =>
  ref.source.groupId
    ? `the group ${ref.source.groupName ?? ref.source.groupId}`
    : "a direct assignment";

const sourceKey = (ref: LicenseRef) => ref.source.groupId?.toLowerCase() ?? "direct";

/** Plans the user would lose: those of `removed` that no license left working (or fixed) turns on. */
function takesAway(
  removed: readonly string[],
  kept: readonly UserLicense[],
  knowledge: PlanKnowledge,
): PlanRef[] {
  const on = new Set(kept.flatMap((l) => l.plans));
  return removed.filter((p) => !on.has(p)).map((p) => knowledge.plan(p));
}

function conflictFixes(
  cause: Extract<NamedCause, { kind: "conflict" }>,
  userId: string,
  facts: CauseFacts,
): FixOption[] {
  const { failing } = cause;
  const fixes: FixOption[] = [];
  const pair = [failing.plan.servicePlanId, cause.with[0]!.plan.servicePlanId].sort().join("+");
  if (cause.reprocessMayClear) {
    fixes.push({
      key: `reprocess:allowed:${pair}`,
      action: "reprocess",
      scope: "user",
      text: `Reprocess first: Microsoft now allows ${failing.plan.name} and ${cause.with[0]!.plan.name} on one user.`,
      takesAway: [],
    });
  }
  const failingLicense = licenseNamed(failing, facts.licenses);
  const seen = new Set<string>();
  for (const other of cause.with) {
    const otherLicense = licenseNamed(other, facts.licenses);
    const key = other.source.groupId
      ? `leave:${userId}:${sourceKey(other)}`
      : `remove:${userId}:direct:${other.product.skuId.toLowerCase()}`;
    if (!otherLicense || seen.has(key)) continue;
    seen.add(key);
    const removed = facts.licenses.filter((l) =>
      other.source.groupId ? l.groupId === otherLicense.groupId : l === otherLicense,
    );
    const kept = facts.licenses.filter(
      (l) => !removed.includes(l) && (!l.failing || l === failingLicense),
    );
    fixes.push({
      key,
      action: "removeLicense",
      scope: "user",
      text: other.source.groupId
        ? `Remove the user from ${sourceWords(other)}, which gives ${other.product.name}.`
        : `Remove the direct ${other.product.name} license from the user.`,
      takesAway: takesAway(
        removed.flatMap((l) => l.plans),
        kept,
        facts.knowledge,
      ),
    });
  }
  const kept = facts.licenses.filter((l) => !l.failing);
  const plan = failing.plan.servicePlanId.toLowerCase();
  fixes.push({
    key: failing.source.groupId
      ? `group-plan:${sourceKey(failing)}:${failing.product.skuId.toLowerCase()}:${plan}`
      : `user-plan:${userId}:${failing.product.skuId.toLowerCase()}:${plan}`,
    action: "disablePlan",
    scope: failing.source.groupId ? "group" : "user",
    text: failing.source.groupId
      ? `Turn off ${failing.plan.name} in ${failing.product.name} as ${sourceWords(failing)} assigns it (for every member).`
      : `Turn off ${failing.plan.name} in the user's direct ${failing.product.name} license.`,
    takesAway: takesAway([plan], kept, facts.knowledge),
  });
  return fixes;
}

function prerequisiteFixes(
  cause: Extract<NamedCause, { kind: "missingPrerequisite" }>,
  userId: string,
): FixOption[] {
  const { failing } = cause;
  const needs = cause.needsAnyOf.map((p) => p.name).join(" or ");
  const anyOf = cause.needsAnyOf
    .map((p) => p.servicePlanId.toLowerCase())
    .sort()
    .join("+");
  const best = cause.providers[0];
  const example = best ? ` (for example ${best.product.name}, ${best.available} free)` : "";
  const fixes: FixOption[] = [];
  if (cause.blockedBy) {
    fixes.push({
      key: `fix-first:${userId}:${sourceKey(cause.blockedBy)}:${cause.blockedBy.product.skuId.toLowerCase()}`,
      action: "fixOtherLicense",
      scope: "user",
      text: `Fix ${cause.blockedBy.product.name} from ${sourceWords(cause.blockedBy)} first (${cause.blockedBy.error}); it brings ${cause.blockedBy.plan.name}.`,
      takesAway: [],
    });
  }
  if (failing.source.groupId) {
    fixes.push({
      key: `group-add:${sourceKey(failing)}:${anyOf}`,
      action: "assignProduct",
      scope: "group",
      text: `Add a product with ${needs} to ${sourceWords(failing)}${example}.`,
      takesAway: [],
    });
  }
  fixes.push({
    key: `user-add:${userId}:${anyOf}`,
    action: "assignProduct",
    scope: "user",
    text: `Give the user a product with ${needs}${example}.`,
    takesAway: [],
  });
  return fixes;
}

/** The ways to clear a named cause, the one that clears the most first where there is a choice. */
export function fixesFor(
  named: Named,
  license: UserLicense,
  userId: string,
  facts: CauseFacts,
): FixOption[] {
  const { cause } = named;
  const user = (key: string, action: FixOption["action"], text: string): FixOption[] => [
    { key, action, scope: "user", text, takesAway: [] },
  ];
  switch (cause.kind) {
    case "conflict":
      return conflictFixes(cause, userId, facts);
    case "missingPrerequisite":
      return prerequisiteFixes(cause, userId);
    case "usageLocation":
      return user(
        `location:${userId}`,
        "setUsageLocation",
        cause.usageLocation
          ? `Set the user's usage location to the country where they work (${cause.product.name} is not available in ${countryName(cause.usageLocation)}).`
          : "Set the user's usage location to the country where they work.",
      );
    case "duplicateAddress": {
      const address = cause.addresses[0];
      return user(
        address ? `address:${address.toLowerCase()}` : `address-user:${userId}`,
        "changeAddress",
        address
          ? `Remove ${address} from the other recipient (or from this user).`
          : "Find the other recipient with one of this user's addresses and remove the duplicate.",
      );
    }
    case "seats":
      return [
        {
          key: `seats:${cause.product.skuId.toLowerCase()}`,
          action: cause.available > 0 ? "reprocess" : "addSeats",
          scope: "tenant",
          text:
            cause.available > 0
              ? `${cause.available} ${cause.product.name} licenses are free now: reprocess.`
              : `Buy more ${cause.product.name} licenses, or free some from people who no longer need them.`,
          takesAway: [],
        },
      ];
    case "noSubscription":
      return [
        {
          key: `subscribe:${cause.product.skuId.toLowerCase()}`,
          action: "addSeats",
          scope: "tenant",
          text: `The tenant has no ${cause.product.name} subscription: buy it, or take it out of ${license.groupId ? "the group's" : "the user's"} licenses.`,
          takesAway: [],
        },
      ];
    case "undetermined":
      return user(
        `reprocess:${cause.code}`,
        "reprocess",
        'Reprocess; if the error stays, read "Change user license" in the Microsoft Entra audit log.',
      );
  }
}
