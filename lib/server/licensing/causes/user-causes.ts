import "server-only";
import type { AssignmentCause } from "@/lib/api/license-causes";
import type { GraphUserLicensing } from "../../graph/types";
import type { LicensingContext } from "../failing";
import { fixesFor } from "./fix-options";
import { type CauseFacts, nameCause } from "./name-cause";
import { readUserLicenses } from "./user-licenses";

/** The facts naming a user's causes needs; lookups beyond the user's own read are optional. */
export function causeFactsOf(
  user: GraphUserLicensing,
  context: LicensingContext,
  more: Partial<Pick<CauseFacts, "microsoftMessage" | "addresses">> = {},
): CauseFacts {
  return {
    usageLocation: user.usageLocation ?? null,
    licenses: readUserLicenses(
      user.licenseAssignmentStates ?? [],
      context.knowledge,
      context.groupName,
    ),
    knowledge: context.knowledge,
    microsoftMessage: more.microsoftMessage ?? (() => null),
    addresses: more.addresses ?? null,
  };
}

/** Every failing assignment of the user with its named cause and the ways to fix it. */
export function nameUserCauses(
  user: GraphUserLicensing,
  context: LicensingContext,
  more: Partial<Pick<CauseFacts, "microsoftMessage" | "addresses">> = {},
): AssignmentCause[] {
  const facts = causeFactsOf(user, context, more);
  return facts.licenses
    .filter((license) => license.failing)
    .map((license) => {
      const named = nameCause(license, facts);
      return {
        skuId: license.skuId,
        groupId: license.source.groupId,
        cause: named.cause,
        viaSibling: named.viaSibling,
        fixes: fixesFor(named, license, user.id, facts),
      };
    });
}
