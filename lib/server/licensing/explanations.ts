import "server-only";
import { normalizeErrorCode } from "./error-codes";
import type { LicenseExplanation, SeatCounts } from "@/lib/api/license-errors";
import { countryName } from "@/lib/api/usage-locations";

/** What the explanation may mention about the failing assignment. */
export interface ExplanationContext {
  productName: string;
  /** Null for a direct assignment. */
  groupName: string | null;
  usageLocation: string | null;
  seats: SeatCounts | null;
}

const source = ({ groupName }: ExplanationContext) =>
  groupName ? `the group "${groupName}"` : "a direct assignment";

type Explainer = (context: ExplanationContext) => LicenseExplanation;

/** The six codes Graph documents, in helpdesk words: what happened, why, and what fixes it. */
const EXPLAINERS: Record<string, Explainer> = {
  CountViolation: (c) => ({
    title: "Not enough licenses",
    cause: c.seats
      ? `All ${c.seats.prepaid} ${c.productName} licenses are taken (${c.seats.consumed} in use, ${Math.max(0, c.seats.available)} free), so ${source(c)} could not give this user one.`
      : `There are no free ${c.productName} licenses, so ${source(c)} could not give this user one.`,
    fix: `Buy more ${c.productName} licenses or free some up by removing the license from people who no longer need it, then reprocess this user.`,
    fixFirst: true,
  }),
  MutuallyExclusiveViolation: (c) => ({
    title: "Conflicting licenses",
    cause: `${c.productName} from ${source(c)} contains a service that cannot run next to a service from another license this user already has (for example two Exchange Online plans).`,
    fix: `Remove the other license from the user, or turn off the conflicting service in one of the assignments, then reprocess this user.`,
    fixFirst: true,
  }),
  DependencyViolation: (c) => ({
    title: "A required license is missing",
    cause: `${c.productName} from ${source(c)} contains a service that needs another service the user does not have (an add-on without its base license, for example).`,
    fix: `Give the user the license that includes the required service (directly or through a group), then reprocess this user.`,
    fixFirst: true,
  }),
  ProhibitedInUsageLocationViolation: (c) => ({
    title: "Not available in the user's country",
    cause: c.usageLocation
      ? `${c.productName} cannot be used in ${countryName(c.usageLocation)} (${c.usageLocation}), the user's usage location.`
      : `The user has no usage location, so the organisation's country applies, and ${c.productName} cannot be used there.`,
    fix: `Set the user's usage location to the country where they work (or remove them from ${source(c)}), then reprocess this user.`,
    fixFirst: true,
  }),
  UniquenessViolation: (c) => ({
    title: "Duplicate email address",
    cause: `Another object in the directory already uses one of this user's email (proxy) addresses, so ${c.productName} cannot set up the mailbox.`,
    fix: `Find the object with the same address (in the Exchange admin center), remove or change the duplicate, then reprocess this user.`,
    fixFirst: true,
  }),
  Other: (c) => ({
    title: "Licensing service error",
    cause: `Microsoft's licensing service could not finish assigning ${c.productName} and gave no specific reason; this is often temporary.`,
    fix: `Reprocess this user. If the error stays, look for "Change user license" in the Microsoft Entra audit log for details.`,
    fixFirst: false,
  }),
};

const unknownCode =
  (code: string): Explainer =>
  (c) => ({
    title: `Unrecognised error "${code}"`,
    cause: `Microsoft reported an error Licensedesk does not know yet ("${code}") while assigning ${c.productName} from ${source(c)}.`,
    fix: `Reprocess this user. If the error stays, look for "Change user license" in the Microsoft Entra audit log for details.`,
    fixFirst: false,
  });

const explainerFor = (code: string): Explainer => {
  const known = normalizeErrorCode(code);
  return Object.hasOwn(EXPLAINERS, known) ? EXPLAINERS[known]! : unknownCode(code);
};

/** A plain-language cause and fix for a license error code; unknown codes get an honest generic one. */
export function explainLicenseError(code: string, context: ExplanationContext): LicenseExplanation {
  return explainerFor(code)(context);
}

/** Whether the cause behind `code` must be fixed before a reprocess can help. */
export const needsFixFirst = (code: string): boolean =>
  explainerFor(code)({ productName: "", groupName: null, usageLocation: null, seats: null })
    .fixFirst;
