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

// OData string literals double their quotes.
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Who a user is, for naming the holder of a license or an address. */
const PERSON_PROPERTIES = ["id", "displayName", "userPrincipalName", "accountEnabled"];

/** Directory objects that can carry a mail address, and what names each. */
const RECIPIENT_PROPERTIES = {
  users: PERSON_PROPERTIES,
  groups: ["id", "displayName", "mail"],
  contacts: ["id", "displayName", "mail"],
} as const;

export type RecipientKind = keyof typeof RECIPIENT_PROPERTIES;

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

  /** The user's mail addresses, to look for another recipient carrying one. */
  userAddresses: (userId: string): GraphRequest => ({
    method: "GET",
    path: `/users/${segment(userId)}?${query({ $select: "id,proxyAddresses" })}`,
    subject: `user '${userId}'`,
  }),

  /** Users, groups or contacts carrying an address (any prefix case; Entra compares without case). */
  recipientsWithAddress: (kind: RecipientKind, address: string): GraphRequest => ({
    method: "GET",
    path: `/${kind}?${query({
      $filter: `proxyAddresses/any(x:x eq ${literal(`smtp:${address}`)})`,
      $select: RECIPIENT_PROPERTIES[kind].join(","),
    })}`,
  }),

  /** Disabled accounts that still hold a product: seats an admin could take back. */
  disabledHolders: (skuId: string): GraphRequest => ({
    method: "GET",
    path: `/users?${query({
      $filter: `accountEnabled eq false and assignedLicenses/any(x:x/skuId eq ${skuId})`,
      $select: [...PERSON_PROPERTIES, "licenseAssignmentStates"].join(","),
      $top: LARGEST_PAGE,
    })}`,
  }),

  /** Everyone holding a product, with their last sign-in (needs AuditLog.Read.All). */
  holdersWithSignIn: (skuId: string): GraphRequest => ({
    method: "GET",
    path: `/users?${query({
      $filter: `assignedLicenses/any(x:x/skuId eq ${skuId})`,
      $select: [...PERSON_PROPERTIES, "licenseAssignmentStates", "signInActivity"].join(","),
      $top: LARGEST_PAGE,
    })}`,
  }),
};
