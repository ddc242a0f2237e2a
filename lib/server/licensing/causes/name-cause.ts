import "server-only";
import type {
  DirectoryObjectRef,
  MissingPermission,
  NamedCause,
  ProductRef,
} from "@/lib/api/license-causes";
import { nameConflict } from "./name-conflict";
import { namePrerequisite } from "./name-prerequisite";
import type { PlanKnowledge } from "./plan-knowledge";
import { MAILBOX_PLAN_IDS } from "./plan-rules";
import { unitOf, type UserLicense } from "./user-licenses";

/** Who else carries the user's addresses, when the per-user read looked them up. */
export interface AddressLookup {
  addresses: string[];
  holders: DirectoryObjectRef[];
  lookup: "found" | "notInDirectory";
  missing: MissingPermission[];
}

/** What naming one user's causes may use; everything but the lookups comes from the list's own read. */
export interface CauseFacts {
  usageLocation: string | null;
  licenses: readonly UserLicense[];
  knowledge: PlanKnowledge;
  /** Microsoft's words for a failing product, where the beta assignment errors gave them. */
  microsoftMessage(skuId: string): { message: string; occurredAt: string | null } | null;
  /** Null in the list, which does not look addresses up. */
  addresses: AddressLookup | null;
}

export interface Named {
  cause: NamedCause;
  /** The product of the same group whose failure took this one down, when it is not this one. */
  viaSibling: ProductRef | null;
}

type Namer = (license: UserLicense, facts: CauseFacts) => NamedCause | null;

const undetermined = (license: UserLicense, facts: CauseFacts, reason: string): NamedCause => {
  const said = facts.microsoftMessage(license.skuId);
  return {
    kind: "undetermined",
    code: license.error,
    reason,
    microsoftMessage: said?.message ?? null,
    occurredAt: said?.occurredAt ?? license.source.since,
  };
};

const seatsGone = (license: UserLicense, knowledge: PlanKnowledge) => {
  const sku = knowledge.sku(license.skuId);
  return sku !== null && sku.prepaidUnits.enabled - sku.consumedUnits <= 0;
};

const seats = (license: UserLicense, knowledge: PlanKnowledge): NamedCause | null => {
  const sku = knowledge.sku(license.skuId);
  if (!sku) return null;
  return {
    kind: "seats",
    product: knowledge.product(license.skuId),
    prepaid: sku.prepaidUnits.enabled,
    consumed: sku.consumedUnits,
    available: sku.prepaidUnits.enabled - sku.consumedUnits,
  };
};

/**
 * Each code's namer, tried on the failing license and then on the other products of its group (which
 * fail together, all with the code of the one whose check failed). A namer answers null when the license
 * it is given is not the one its cause concerns.
 */
const NAMERS: Record<string, { namer: Namer; undetermined?: string }> = {
  ProhibitedInUsageLocationViolation: {
    namer: (license, facts) => ({
      kind: "usageLocation",
      product: facts.knowledge.product(license.skuId),
      usageLocation: facts.usageLocation,
    }),
  },
  UniquenessViolation: {
    namer: (license, facts) =>
      license.plans.some((p) => MAILBOX_PLAN_IDS.has(p))
        ? {
            kind: "duplicateAddress",
            product: facts.knowledge.product(license.skuId),
            addresses: facts.addresses?.addresses ?? [],
            holders: facts.addresses?.holders ?? [],
            lookup: facts.addresses?.lookup ?? "notLookedUp",
            missing: facts.addresses?.missing ?? [],
          }
        : null,
    undetermined:
      "Microsoft reports a duplicate address, but no product of this assignment gives a mailbox Licensedesk knows of.",
  },
  MutuallyExclusiveViolation: {
    namer: (license, facts) => nameConflict(license, facts.licenses, facts.knowledge),
    undetermined:
      "None of the conflicts Microsoft has published is between this product's plans and the user's other licenses.",
  },
  DependencyViolation: {
    namer: (license, facts) => namePrerequisite(license, facts.licenses, facts.knowledge),
    undetermined:
      "None of the prerequisites Microsoft has published is missing for this product's plans.",
  },
  CountViolation: {
    namer: (license, facts) =>
      seatsGone(license, facts.knowledge) ? seats(license, facts.knowledge) : null,
  },
  Other: {
    namer: (license, facts) =>
      facts.knowledge.sku(license.skuId) === null
        ? { kind: "noSubscription", product: facts.knowledge.product(license.skuId) }
        : null,
    undetermined:
      "Microsoft's licensing service gave no reason for this error, and nothing in the user's licenses or the tenant's subscriptions explains it.",
  },
};

/** Why a failing license fails, named from the user's licenses and the tenant's subscriptions, or said to be unknown. */
export function nameCause(license: UserLicense, facts: CauseFacts): Named {
  const entry = Object.hasOwn(NAMERS, license.error) ? NAMERS[license.error]! : null;
  if (!entry) {
    return {
      cause: undetermined(
        license,
        facts,
        `Licensedesk does not know the error code "${license.error}" yet.`,
      ),
      viaSibling: null,
    };
  }
  for (const candidate of unitOf(license, facts.licenses)) {
    if (candidate !== license && candidate.error !== license.error) continue;
    const cause = entry.namer(candidate, facts);
    if (!cause) continue;
    const sibling = candidate !== license;
    return { cause, viaSibling: sibling ? facts.knowledge.product(candidate.skuId) : null };
  }
  // Seats that came back since: the product still names the cause, and a reprocess is the fix.
  if (license.error === "CountViolation") {
    const cause = seats(license, facts.knowledge);
    if (cause) return { cause, viaSibling: null };
    return {
      cause: { kind: "noSubscription", product: facts.knowledge.product(license.skuId) },
      viaSibling: null,
    };
  }
  const reason = entry.undetermined ?? "Nothing in the user's licenses explains this error.";
  return { cause: undetermined(license, facts, reason), viaSibling: null };
}
