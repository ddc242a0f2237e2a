/** A directory object that carries an address. */
export interface AddressHolder {
  id: string;
  type: "user" | "group" | "orgContact";
}

/** One license from one place: a group, or null for a direct assignment. */
export interface CauseSource {
  skuId: string;
  groupId: string | null;
}

/**
 * Why the licensing service failed an assignment, as the emulator decided it. Graph shows only the code; this
 * is kept so that tests can check the cause an app names against the one the emulator created. `trigger` is
 * the product whose check failed: the licenses of one group fail together, all with the trigger's cause.
 */
export type CreatedCause =
  | {
      code: "ProhibitedInUsageLocationViolation";
      trigger: string;
      /** Null: the user has no usage location. */
      usageLocation: string | null;
    }
  | { code: "Other"; trigger: string; reason: "blocked" | "noSubscription" }
  | {
      code: "UniquenessViolation";
      trigger: string;
      /** The user's addresses that another recipient carries too, lower-cased. */
      addresses: string[];
      /** The other users, groups and contacts carrying them. */
      holders: AddressHolder[];
    }
  | {
      code: "MutuallyExclusiveViolation";
      trigger: string;
      /** The trigger's plan, the plan already on that it conflicts with, and where that one comes from. */
      planId: string;
      conflictingPlanId: string;
      holder: CauseSource;
    }
  | { code: "CountViolation"; trigger: string; prepaid: number; consumed: number }
  | {
      code: "DependencyViolation";
      trigger: string;
      /** The trigger's plan, and the plans of which it needs one. */
      planId: string;
      needsAnyOf: string[];
    };

/** The cause of one failing assignment of a user. */
export interface AssignmentCause {
  source: CauseSource;
  cause: CreatedCause;
}

/** The cause kept for one of a user's failing assignment states, if it failed. */
export const causeOf = (
  user: { licenseCauses: readonly AssignmentCause[] },
  state: { skuId: string; assignedByGroup: string | null },
): CreatedCause | null =>
  user.licenseCauses.find(
    ({ source }) => source.skuId === state.skuId && source.groupId === state.assignedByGroup,
  )?.cause ?? null;
