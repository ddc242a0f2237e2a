/**
 * The emulator's directory: one tenant with its app registrations, products, groups and users.
 * Graph responses are projections of these objects; fields marked internal never leave the emulator.
 */
import type { AssignmentCause } from "../licensing/created-cause";

export interface Tenant {
  id: string;
  displayName: string;
  /** The verified default domain, e.g. `contoso.onmicrosoft.com`. */
  defaultDomain: string;
  /** ISO 3166 code of the company's country. */
  countryLetterCode: string;
  apps: AppRegistration[];
  skus: Sku[];
  groups: Group[];
  users: User[];
  /** Organizational contacts: mail recipients outside the tenant, listed in its address book. */
  contacts: OrgContact[];
}

/** Graph's orgContact: a mail recipient that is not a user of the tenant. */
export interface OrgContact {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  companyName: string | null;
  mail: string | null;
  mailNickname: string | null;
  proxyAddresses: string[];
}

/** Which kind of client an app registration is; decides which grants it may use. */
export type AppKind = "spa" | "api" | "daemon";

export interface AppScope {
  id: string;
  value: string;
}

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  allowedMemberTypes: ("User" | "Application")[];
}

export interface AppRegistration {
  appId: string;
  displayName: string;
  kind: AppKind;
  /** Exact SPA redirect URIs (spa platform). */
  redirectUris: string[];
  /** Where logout may send the browser back to. */
  postLogoutRedirectUris: string[];
  /** Client secrets in clear text (the emulator is a test double). */
  secrets: string[];
  /** `api://{appId}` for an API; empty otherwise. */
  identifierUris: string[];
  /** Delegated scopes this app exposes (oauth2PermissionScopes). */
  scopes: AppScope[];
  /** App roles this app defines. */
  appRoles: AppRole[];
  /** Graph delegated permissions admin-consented for this app, e.g. `User.ReadWrite.All`. */
  graphDelegatedPermissions: string[];
  /** Graph application permissions granted to this app (app-only tokens). */
  graphApplicationPermissions: string[];
  /** 2 for v2 access tokens (the API sets `accessTokenAcceptedVersion: 2`). */
  accessTokenVersion: 1 | 2;
}

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  /** The `service` string Graph shows in assignedPlans, e.g. `exchange`. */
  service: string;
  appliesTo: "User" | "Company";
  /** Internal: plan ids this plan cannot coexist with on one user (MutuallyExclusiveViolation). */
  conflictsWith: string[];
  /** Internal: the user must hold at least one of these plan ids (DependencyViolation). */
  dependsOnAnyOf: string[];
}

export interface PrepaidUnits {
  enabled: number;
  suspended: number;
  warning: number;
  lockedOut: number;
}

export interface Sku {
  skuId: string;
  skuPartNumber: string;
  appliesTo: "User" | "Company";
  capabilityStatus: "Enabled" | "Warning" | "Suspended" | "Deleted" | "LockedOut";
  prepaidUnits: PrepaidUnits;
  servicePlans: ServicePlan[];
  subscriptionIds: string[];
  /** Internal: ISO 3166 codes where the product is not sold (ProhibitedInUsageLocationViolation). */
  notSoldIn: string[];
}

export interface LicenseAssignment {
  skuId: string;
  disabledPlans: string[];
}

export interface Group {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  createdDateTime: string;
  memberIds: string[];
  assignedLicenses: LicenseAssignment[];
  licenseProcessingState:
    "QueuedForProcessing" | "ProcessingInProgress" | "ProcessingComplete" | "ProcessingFailed";
}

export type LicenseErrorCode =
  | "None"
  | "CountViolation"
  | "MutuallyExclusiveViolation"
  | "DependencyViolation"
  | "ProhibitedInUsageLocationViolation"
  | "UniquenessViolation"
  | "Other";

export type LicenseState = "Active" | "ActiveWithError" | "Disabled" | "Error";

export interface LicenseAssignmentState {
  /** Null for a direct assignment. */
  assignedByGroup: string | null;
  disabledPlans: string[];
  error: LicenseErrorCode;
  lastUpdatedDateTime: string;
  skuId: string;
  state: LicenseState;
}

export interface AssignedPlan {
  assignedDateTime: string;
  capabilityStatus: "Enabled" | "Warning" | "Suspended" | "Deleted" | "LockedOut";
  service: string;
  servicePlanId: string;
}

export interface User {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  accountEnabled: boolean;
  /** ISO 3166 alpha-2; null when never set. */
  usageLocation: string | null;
  proxyAddresses: string[];
  createdDateTime: string;
  /** When the user last signed in (Graph's signInActivity); null for never. */
  lastSignInDateTime: string | null;
  /** Internal: the sign-in password shown by the control API. */
  password: string;
  /** Internal: directory role template ids (become the `wids` claim). */
  directoryRoleIds: string[];
  /** Internal: app role values assigned to the user, per resource app id. */
  appRoleAssignments: Record<string, string[]>;
  directLicenses: LicenseAssignment[];
  /** Internal: offered on the sign-in page and listed by `/_emulator/tenant` as a ready-made account. */
  listedForSignIn: boolean;
  /** Internal: a cause the licensing service cannot name (error `Other`) until cleared. */
  blockedForOtherReason: boolean;
  /** Sticky licensing results: written only when the user is processed. */
  licenseAssignmentStates: LicenseAssignmentState[];
  /** Internal: why each failing assignment failed, written with the states (Graph shows only the code). */
  licenseCauses: AssignmentCause[];
  assignedLicenses: LicenseAssignment[];
  assignedPlans: AssignedPlan[];
}

/** Directory role template ids that Graph puts in the `wids` claim. */
export const DIRECTORY_ROLES = {
  "Global Administrator": "62e90394-69f5-4237-9190-012177145e10",
  "License Administrator": "4d6ac14f-3453-41d0-bef9-a3e0c569773a",
  "User Administrator": "fe930be7-5e62-47db-91af-98c3a80ebb6a",
  "Directory Writers": "9360feb5-f418-4baa-8175-e2a00bac4301",
  "Global Reader": "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
  "Helpdesk Administrator": "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  "Directory Readers": "88d8e3e3-8f55-4a1e-953a-9b9898b8876b",
  "Intune Administrator": "3a2c62db-5318-420d-8d74-23affee5d9d5",
} as const;

export type DirectoryRoleName = keyof typeof DIRECTORY_ROLES;

/** Every member user carries this template id in `wids`, as in real tokens. */
export const DEFAULT_USER_ROLE_ID = "b79fbf4d-3ef9-4689-8143-76b194e85509";

export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";
