import "server-only";
import type { LicenseRef, NamedCause } from "@/lib/api/license-causes";
import { countryName } from "@/lib/api/usage-locations";
import type { Named } from "./name-cause";

const from = (ref: LicenseRef) =>
  ref.source.groupName ? ref.source.groupName : ref.source.groupId ? "a group" : "direct";

const planIn = (ref: LicenseRef) => `${ref.plan.name} in ${ref.product.name} (${from(ref)})`;

function line(cause: NamedCause): string {
  switch (cause.kind) {
    case "conflict":
      return `${planIn(cause.failing)} conflicts with ${planIn(cause.with[0]!)}${cause.with.length > 1 ? ` and ${cause.with.length - 1} more` : ""}${cause.reprocessMayClear ? "; Microsoft now allows the pair, reprocess first" : ""}`;
    case "missingPrerequisite":
      return `${planIn(cause.failing)} needs ${cause.needsAnyOf.map((p) => p.name).join(" or ")}${cause.blockedBy ? `, which ${cause.blockedBy.product.name} would bring but is failing (${cause.blockedBy.error})` : ""}`;
    case "usageLocation":
      return cause.usageLocation
        ? `${cause.product.name} is not available in ${countryName(cause.usageLocation)} (${cause.usageLocation})`
        : "No usage location";
    case "duplicateAddress":
      return cause.addresses.length > 0
        ? `${cause.addresses.join(", ")} also on ${cause.holders.map((h) => h.displayName).join(", ") || "another recipient"}`
        : "Another recipient has one of the user's addresses";
    case "seats":
      return cause.available > 0
        ? `${cause.product.name}: ${cause.available} free now, reprocess`
        : `${cause.product.name}: all ${cause.prepaid} seats taken (${cause.consumed} in use)`;
    case "noSubscription":
      return `No ${cause.product.name} subscription in the tenant`;
    case "undetermined":
      return `Could not determine the cause (${cause.code})`;
  }
}

/** The cause in one line, for the grid's column and job outcomes. */
export const causeLineOf = ({ cause, viaSibling }: Named): string =>
  viaSibling ? `Because ${viaSibling.name} in the same group failed: ${line(cause)}` : line(cause);
