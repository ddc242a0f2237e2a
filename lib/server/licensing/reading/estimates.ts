import "server-only";
import type { ReadWayEstimate } from "@/lib/api/license-errors";
import { type GraphRequestError, UNREADABLE_ANSWER } from "../../graph/errors";
import { PAGE_SIZE } from "./read-way";

/** Users read per `$batch` by the groups way. */
const BATCH_SIZE = 20;

/** Why the beta API cannot be used, in a sentence for the reading line. */
export function fallbackReason(error: GraphRequestError): string {
  if (error.graph.code === UNREADABLE_ANSWER) {
    return "The beta license assignment errors API gave an answer Licensedesk cannot read.";
  }
  switch (error.graph.status) {
    case 403:
      return "The beta license assignment errors API answered 403: the app lacks the permission (CloudLicensing.Read).";
    case 404:
      return "The beta license assignment errors API is not available for this tenant (404).";
    default:
      return `The beta license assignment errors API refused the request (${error.graph.status}).`;
  }
}

export interface TenantSurvey {
  /** Users in the directory (`/users/$count`), null when Graph would not count them. */
  directoryUsers: number | null;
  groupsInError: number;
  beta: "available" | "not asked" | GraphRequestError;
}

/**
 * What each way costs on this tenant, from Graph's published costs: a page of users with `$select` is
 * 1 ResourceUnit (base 2, −1), an assignment-errors page 1 (base 1, +1 `$expand`, −1 `$select`), a user
 * read by id 1, a page of members 1. Users in error are unknown before reading, so the cost that grows
 * with them is given per user.
 */
export function estimateWays({
  directoryUsers,
  groupsInError,
  beta,
}: TenantSurvey): ReadWayEstimate[] {
  const pages = directoryUsers === null ? null : Math.max(1, Math.ceil(directoryUsers / PAGE_SIZE));
  return [
    {
      way: "beta",
      requests: null,
      sequential: null,
      resourceUnits: null,
      note:
        beta === "available"
          ? `1 request and 1 ResourceUnit per ${PAGE_SIZE} assignment errors; direct and group assignments.`
          : beta === "not asked"
            ? "Not tried: LICENSE_ERRORS_READ names another way."
            : fallbackReason(beta),
    },
    {
      way: "directory",
      requests: pages,
      sequential: pages,
      resourceUnits: pages,
      note:
        pages === null
          ? `1 request and 1 ResourceUnit per ${PAGE_SIZE} users, one page after another; direct and group assignments.`
          : `${pages} pages of ${PAGE_SIZE} users, one after another; direct and group assignments.`,
    },
    {
      way: "groups",
      requests: null,
      sequential: null,
      resourceUnits: null,
      note:
        `${groupsInError} groups with members in error, then 1 ResourceUnit per user in error ` +
        `(${BATCH_SIZE} to a $batch); group assignments only, so direct licenses in error are missed.`,
    },
  ];
}
