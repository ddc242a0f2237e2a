import { DIRECTORY_ROLES } from "../tenant/model";

/** What a route demands: any one of these Graph permissions, and for writes an admin role when delegated. */
export interface Requirement {
  anyOf: readonly string[];
  /** Delegated permissions that have no application counterpart (e.g. CloudLicensing.Read). */
  delegatedAlso?: readonly string[];
  /** Delegated callers also need one of WRITE_ROLE_IDS in `wids` (the directory enforces roles on writes). */
  adminWrite?: boolean;
  /** Delegated callers also need one of these roles in `wids`: reads the directory limits by role. */
  delegatedRoleIds?: readonly string[];
}

export const READ_USERS: Requirement = {
  anyOf: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
};

export const WRITE_USERS: Requirement = {
  anyOf: ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  adminWrite: true,
};

export const READ_GROUPS: Requirement = {
  anyOf: [
    "GroupMember.Read.All",
    "Group.Read.All",
    "Directory.Read.All",
    "GroupMember.ReadWrite.All",
    "Group.ReadWrite.All",
    "Directory.ReadWrite.All",
  ],
};

export const READ_ORGANIZATION: Requirement = {
  anyOf: [
    "Organization.Read.All",
    "Organization.ReadWrite.All",
    "LicenseAssignment.Read.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
};

/** Beta's cloudLicensing/assignmentErrors list (its permissions table). */
export const READ_CLOUD_LICENSING: Requirement = {
  anyOf: [
    "CloudLicensing.Read.All",
    "User-CloudLicensing.Read.All",
    "User.Read.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  delegatedAlso: ["CloudLicensing.Read"],
};

/** Getting one assignmentError also admits delegated User-CloudLicensing.Read (its permissions table). */
export const READ_CLOUD_LICENSING_ITEM: Requirement = {
  ...READ_CLOUD_LICENSING,
  delegatedAlso: ["CloudLicensing.Read", "User-CloudLicensing.Read"],
};

/**
 * Organizational contacts (List orgContacts): OrgContact.Read.All at least, and a delegated caller also
 * needs one of the roles the page names; License Administrator is not among them.
 */
export const READ_CONTACTS: Requirement = {
  anyOf: ["OrgContact.Read.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  delegatedRoleIds: [
    DIRECTORY_ROLES["Global Administrator"],
    DIRECTORY_ROLES["Directory Readers"],
    DIRECTORY_ROLES["Global Reader"],
    DIRECTORY_ROLES["Directory Writers"],
    DIRECTORY_ROLES["Intune Administrator"],
    DIRECTORY_ROLES["User Administrator"],
  ],
};

/** Selecting or filtering on a user's signInActivity (Microsoft also needs Entra ID P1 or P2 in the tenant). */
export const READ_SIGN_IN_ACTIVITY: Requirement = { anyOf: ["AuditLog.Read.All"] };

/** Roles that may set usageLocation and reprocess licenses (Graph's reprocessLicenseAssignment page). */
export const WRITE_ROLE_IDS: readonly string[] = [
  DIRECTORY_ROLES["Global Administrator"],
  DIRECTORY_ROLES["License Administrator"],
  DIRECTORY_ROLES["User Administrator"],
  DIRECTORY_ROLES["Directory Writers"],
];
