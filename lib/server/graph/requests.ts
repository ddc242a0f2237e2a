import "server-only";

/** One Graph call: a path below the version (with its query) that only this module spells. */
export interface GraphRequest {
  method: "GET" | "POST" | "PATCH";
  path: string;
  body?: unknown;
  /** `beta` for the few reads v1.0 lacks; v1.0 otherwise. */
  version?: "beta";
  /** E.g. `ConsistencyLevel: eventual` for Graph's advanced queries. */
  headers?: Record<string, string>;
  /** What the request is about, for a 404 message: `user 'adele@contoso.com'`. */
  subject?: string;
}

// `$` and `,` stay readable in logs; values are encoded like any query value.
const query = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join("&");

// An id or UPN is one path segment, whatever it contains; the route has validated it already.
const segment = (id: string) => encodeURIComponent(id);

/** Properties the grid needs for each user in error. */
const SCAN_PROPERTIES = [
  "id",
  "displayName",
  "userPrincipalName",
  "accountEnabled",
  "usageLocation",
  "assignedLicenses",
  "licenseAssignmentStates",
];

/** Graph's largest page for users and for the beta assignment errors. */
const LARGEST_PAGE = "999";

/** Properties a before/after snapshot needs. */
const SNAPSHOT_PROPERTIES = [...SCAN_PROPERTIES, "assignedPlans"];

export const graphRequests = {
  /** Groups whose license assignment failed for at least one member (filter only; never returned). */
  groupsWithLicenseErrors: (): GraphRequest => ({
    method: "GET",
    path: `/groups?${query({ $filter: "hasMembersWithLicenseErrors eq true", $select: "id,displayName", $top: "999" })}`,
  }),

  /**
   * Every license assignment error of the tenant (beta), each with the user it concerns and that user's
   * assignment states: the states name the group an assignment comes from, which the error does not.
   */
  assignmentErrors: (): GraphRequest => ({
    method: "GET",
    version: "beta",
    path: `/admin/cloudLicensing/assignmentErrors?${query({
      $select: "id,code,message,occurrenceDateTime,skuId",
      $expand: `assignedTo($select=${SCAN_PROPERTIES.join(",")})`,
      $top: LARGEST_PAGE,
    })}`,
  }),

  /** The whole directory, a page at a time, with what the grid needs of each user. */
  directoryUsers: (): GraphRequest => ({
    method: "GET",
    path: `/users?${query({ $select: SCAN_PROPERTIES.join(","), $top: LARGEST_PAGE })}`,
  }),

  /** How many users the directory holds (an advanced query: eventual consistency). */
  userCount: (): GraphRequest => ({
    method: "GET",
    path: "/users/$count",
    headers: { ConsistencyLevel: "eventual" },
  }),

  membersWithLicenseErrors: (groupId: string): GraphRequest => ({
    method: "GET",
    path: `/groups/${segment(groupId)}/membersWithLicenseErrors?${query({ $select: "id" })}`,
    subject: `group '${groupId}'`,
  }),

  group: (groupId: string): GraphRequest => ({
    method: "GET",
    path: `/groups/${segment(groupId)}?${query({ $select: "id,displayName" })}`,
    subject: `group '${groupId}'`,
  }),

  userForScan: (userId: string): GraphRequest => ({
    method: "GET",
    path: `/users/${segment(userId)}?${query({ $select: SCAN_PROPERTIES.join(",") })}`,
    subject: `user '${userId}'`,
  }),

  /** Just who the user is: a job names each user it will reprocess. */
  userNames: (userId: string): GraphRequest => ({
    method: "GET",
    path: `/users/${segment(userId)}?${query({ $select: "id,displayName,userPrincipalName" })}`,
    subject: `user '${userId}'`,
  }),

  userForSnapshot: (userId: string): GraphRequest => ({
    method: "GET",
    path: `/users/${segment(userId)}?${query({ $select: SNAPSHOT_PROPERTIES.join(",") })}`,
    subject: `user '${userId}'`,
  }),

  subscribedSkus: (): GraphRequest => ({
    method: "GET",
    path: `/subscribedSkus?${query({ $select: "skuId,skuPartNumber,capabilityStatus,consumedUnits,prepaidUnits,servicePlans" })}`,
  }),

  reprocessLicenseAssignment: (userId: string): GraphRequest => ({
    method: "POST",
    path: `/users/${segment(userId)}/reprocessLicenseAssignment`,
    subject: `user '${userId}'`,
  }),

  setUsageLocation: (userId: string, usageLocation: string): GraphRequest => ({
    method: "PATCH",
    path: `/users/${segment(userId)}`,
    body: { usageLocation },
    subject: `user '${userId}'`,
  }),
};
