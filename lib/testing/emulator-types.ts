// The emulator's control API answers, as the tests and the bench read them; they meet the emulator over HTTP only.

/** `GET /_emulator/tenant`: ids, endpoints, app registrations and the sign-in accounts. */
export interface EmulatorTenant {
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  issuer: string;
  endpoints: Record<"openidConfiguration" | "authorization" | "token" | "logout" | "jwks", string>;
  graphBaseUrl: string;
  apps: {
    spa: { clientId: string; displayName: string; redirectUris: string[] } | null;
    api: {
      clientId: string;
      displayName: string;
      identifierUri: string;
      scope: string;
      appRoles: { value: string; displayName: string }[];
      clientSecret: string | null;
    } | null;
    daemon: {
      clientId: string;
      displayName: string;
      clientSecret: string | null;
      graphApplicationPermissions: string[];
    } | null;
  };
  accounts: {
    id: string;
    userPrincipalName: string;
    displayName: string;
    password: string;
    directoryRoles: string[];
    appRoles: string[];
  }[];
}

/** A subscription's seats, as `GET /_emulator/state` and the seats route answer. */
export interface EmulatorSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  prepaidUnits: { enabled: number; suspended?: number; warning?: number };
  consumedUnits: number;
  available: number;
}

/** Why the emulator failed an assignment; `trigger` is the product whose check failed (a group's fail together). */
export type EmulatorCreatedCause =
  | { code: "ProhibitedInUsageLocationViolation"; trigger: string; usageLocation: string | null }
  | { code: "Other"; trigger: string; reason: "blocked" | "noSubscription" }
  | {
      code: "UniquenessViolation";
      trigger: string;
      addresses: string[];
      holders: { id: string; type: "user" | "group" | "orgContact" }[];
    }
  | {
      code: "MutuallyExclusiveViolation";
      trigger: string;
      planId: string;
      conflictingPlanId: string;
      holder: { skuId: string; groupId: string | null };
    }
  | { code: "CountViolation"; trigger: string; prepaid: number; consumed: number }
  | { code: "DependencyViolation"; trigger: string; planId: string; needsAnyOf: string[] };

/** A failing assignment of a user in error. */
export interface EmulatorFailing {
  skuId: string;
  skuPartNumber: string | null;
  assignedByGroup: string | null;
  groupName: string | null;
  error: string;
  state: string;
  cause: EmulatorCreatedCause | null;
}

/** `GET /_emulator/state`: counts, seats, and who is in error and why. */
export interface EmulatorState {
  tenantId: string;
  displayName: string;
  counts: {
    users: number;
    groups: number;
    skus: number;
    usersInError: number;
    /** Failing license assignments (group-based and direct): what beta's assignmentErrors lists. */
    assignmentErrors: number;
    pendingReprocess: number;
  };
  /** v1.0 error code → users with at least one failing assignment with that code. */
  usersInErrorByCode: Record<string, number>;
  skus: EmulatorSku[];
  usersInError: {
    id: string;
    userPrincipalName: string;
    displayName: string;
    usageLocation: string | null;
    failing: EmulatorFailing[];
  }[];
}

/** A license as the control API takes and shows it: the product and its disabled plans. */
export interface EmulatorLicense {
  sku: string;
  disabledPlans?: string[];
}

/** `GET /_emulator/users/{user}`: one user's causes and licensing results. */
export interface EmulatorUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  usageLocation: string | null;
  proxyAddresses: string[];
  blockedForOtherReason: boolean;
  directLicenses: { skuId: string; disabledPlans: string[] }[];
  groups: string[];
  licenseAssignmentStates: {
    skuId: string;
    assignedByGroup: string | null;
    disabledPlans: string[];
    state: string;
    error: string;
    /** When processing last changed this state (whole seconds, UTC); a processing that leaves it as it was keeps it. */
    lastUpdatedDateTime: string;
  }[];
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  assignedPlans: { servicePlanId: string; capabilityStatus: string }[];
}

/** A moment for the control API: an ISO 8601 date-time with an offset (`2026-11-02T08:00:00Z`) or a Date. */
export type EmulatorTime = string | Date;

/** `POST /_emulator/users`: a new joiner, added to its groups and processed at once, as Entra does. */
export interface EmulatorNewUser {
  displayName: string;
  /** From the display name in the default domain when absent (`zoe.van.dijk@…`, numbered while taken). */
  userPrincipalName?: string;
  /** Two-letter ISO 3166 code; none by default (licenses then fail with ProhibitedInUsageLocationViolation). */
  usageLocation?: string | null;
  /** Group display names or ids. */
  groups?: string[];
  accountEnabled?: boolean;
  /** When it is created and processed; now by default. */
  at?: EmulatorTime;
}

/** `POST /_emulator/groups/{group}/members`: users by id or UPN, processed at once, or stamped `at`. */
export interface EmulatorMemberChange {
  add?: string[];
  remove?: string[];
  at?: EmulatorTime;
}

/** `PATCH /_emulator/users/{user}`: causes to change; a reprocess then applies them. */
export interface EmulatorUserFix {
  usageLocation?: string | null;
  proxyAddresses?: string[];
  blockedForOtherReason?: boolean;
  directLicenses?: EmulatorLicense[];
}

/** A group as the members and licenses routes answer. */
export interface EmulatorGroup {
  id: string;
  displayName: string;
  memberCount: number;
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  licenseProcessingState: unknown;
  membersWithLicenseErrors: { id: string; userPrincipalName: string }[];
}

/** `POST /_emulator/generate`: a tenant with the demo's sign-in accounts, errors spread over six causes. */
export interface GenerateOptions {
  users: number;
  groups: number;
  /** Users in error through a group. */
  usersInError: number;
  /** Users (part of `users`) whose only failing assignment is a direct license; 0 by default. */
  directErrors?: number;
  /** Of the users in error for a duplicate address, how many share it with a team group or a contact. */
  duplicateHolders?: { groups?: number; contacts?: number };
  seed: number;
}

/** How beta's cloud licensing API answers: served, 403 as for an app without the permission, or 404. */
export type CloudLicensingApi = "available" | "forbidden" | "notFound";

/** `GET`/`PATCH /_emulator/config`: run-time settings. */
export interface EmulatorConfig {
  issuerBase: string;
  publicUrl: string;
  accessTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  /** How long Graph takes to apply a reprocess. */
  reprocessDelayMs: number;
  /** `/beta/.../cloudLicensing/assignmentErrors`; `available` until changed or a full reset. */
  cloudLicensingApi: CloudLicensingApi;
}

export type EmulatorConfigPatch = Partial<Omit<EmulatorConfig, "publicUrl">>;

/** Graph's limits as the emulator applies them; windows are divided by `timeScale`. */
export interface EmulatorLimits {
  enabled: boolean;
  timeScale: number;
  resourceUnits: { small: number; medium: number; large: number; windowSeconds: number };
  appTenantWrites: { limit: number; windowSeconds: number };
  tenantWrites: { limit: number; windowSeconds: number };
}

/** `PUT /_emulator/limits`: what to change; new limits start from full buckets. */
export interface EmulatorLimitsPatch {
  enabled?: boolean;
  timeScale?: number;
  resourceUnits?: Partial<EmulatorLimits["resourceUnits"]>;
  appTenantWrites?: Partial<EmulatorLimits["appTenantWrites"]>;
  tenantWrites?: Partial<EmulatorLimits["tenantWrites"]>;
}

/** A scripted Graph failure or delay for the next `times` (default 1) matching requests. */
export interface GraphFault {
  /** Substring of the Graph path, or a glob: `/users/{*}/reprocessLicenseAssignment`. */
  path: string;
  method?: string;
  status?: number;
  times?: number;
  retryAfter?: number;
  omitRetryAfter?: boolean;
  /** Destroy the connection instead of answering; the request does not run. */
  drop?: boolean;
  /** Let the request run, then destroy the connection: the caller cannot tell it ran. */
  dropAfterHandling?: boolean;
  /** Let the request run, then answer its JSON cut in half. */
  malformedBody?: boolean;
  latencyMs?: number;
}

export interface GraphFaultRule extends GraphFault {
  id: string;
  /** How many more matching requests it will fail. */
  remaining: number;
  /** How many it has failed so far. */
  applied: number;
}

/** A scripted identity failure: the next `times` (default 1) requests, or every one `untilCleared`. */
export interface IdentityFault {
  /** OAuth error code, e.g. `invalid_grant`, `interaction_required`. */
  error?: string;
  status?: number;
  retryAfter?: number;
  aadsts?: number;
  description?: string;
  claims?: string;
  suberror?: string;
  times?: number;
  untilCleared?: true;
}

export type IdentityFaults = Partial<
  Record<
    | "token"
    | "authorizationCode"
    | "refreshToken"
    | "clientCredentials"
    | "onBehalfOf"
    | "promptNone",
    IdentityFault
  >
> & {
  /** The signing-key endpoint fails: with a status, a body cut short, late, or by dropping the connection. */
  jwks?: {
    status?: number;
    malformed?: true;
    latencyMs?: number;
    drop?: true;
    times?: number;
    untilCleared?: true;
  };
};

/** `POST /_emulator/tokens`: a token with chosen claims, algorithm or key. */
export interface MintRequest {
  kind: "api" | "api-app" | "graph" | "graph-app";
  user?: string;
  clientId?: string;
  claims?: Record<string, unknown>;
  removeClaims?: string[];
  alg?: "RS256" | "none";
  key?: "tenant" | "foreign";
  kid?: string;
  expiresInSeconds?: number;
  notBeforeInSeconds?: number;
}

/** One entry of the emulator's request log (credentials masked). */
export interface LoggedRequest {
  seq: number;
  /** When the emulator answered it (ISO time). */
  time: string;
  method: string;
  path: string;
  query: string;
  status: number;
  /** For a request inside a `$batch`: the outer request's sequence number, given when it arrived. */
  batchSeq?: number;
  requestId: string;
  clientRequestId?: string;
  appId?: string;
  userId?: string;
  body?: unknown;
}
