import type { EmulatorState } from "../state";
import type { Group, LicenseErrorCode, Sku, Tenant, User } from "../tenant/model";
import { causeOf } from "./created-cause";
import { consumedUnits, membersWithLicenseErrors, userHasLicenseErrors } from "./engine";

const ERROR_CODES: Exclude<LicenseErrorCode, "None">[] = [
  "CountViolation",
  "MutuallyExclusiveViolation",
  "DependencyViolation",
  "ProhibitedInUsageLocationViolation",
  "UniquenessViolation",
  "Other",
];

export const describeSku = (tenant: Tenant, sku: Sku) => {
  const consumed = consumedUnits(tenant, sku.skuId);
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    capabilityStatus: sku.capabilityStatus,
    prepaidUnits: { ...sku.prepaidUnits },
    consumedUnits: consumed,
    available: Math.max(0, sku.prepaidUnits.enabled - consumed),
  };
};

/** A user's licensing as the control API shows it: causes and the (sticky) results. */
export const describeUserLicensing = (tenant: Tenant, user: User) => ({
  id: user.id,
  userPrincipalName: user.userPrincipalName,
  displayName: user.displayName,
  accountEnabled: user.accountEnabled,
  usageLocation: user.usageLocation,
  proxyAddresses: user.proxyAddresses,
  blockedForOtherReason: user.blockedForOtherReason,
  directLicenses: user.directLicenses,
  groups: tenant.groups.filter((g) => g.memberIds.includes(user.id)).map((g) => g.displayName),
  licenseAssignmentStates: user.licenseAssignmentStates,
  assignedLicenses: user.assignedLicenses,
  assignedPlans: user.assignedPlans,
});

function failingAssignments(tenant: Tenant, user: User) {
  return user.licenseAssignmentStates
    .filter((s) => s.error !== "None")
    .map((s) => ({
      skuId: s.skuId,
      skuPartNumber: tenant.skus.find((k) => k.skuId === s.skuId)?.skuPartNumber ?? null,
      assignedByGroup: s.assignedByGroup,
      groupName: tenant.groups.find((g) => g.id === s.assignedByGroup)?.displayName ?? null,
      error: s.error,
      state: s.state,
      // Why it failed, as the emulator decided: what an app's named cause is checked against.
      cause: causeOf(user, s),
    }));
}

/** `GET /_emulator/state`: counts, seats, and who is in error and why. */
export function describeState(state: EmulatorState) {
  const { tenant } = state;
  const inError = tenant.users.filter(userHasLicenseErrors);
  const usersPerCode = Object.fromEntries(
    ERROR_CODES.map((code) => [
      code,
      inError.filter((u) => u.licenseAssignmentStates.some((s) => s.error === code)).length,
    ]),
  );
  return {
    tenantId: tenant.id,
    displayName: tenant.displayName,
    counts: {
      users: tenant.users.length,
      groups: tenant.groups.length,
      skus: tenant.skus.length,
      usersInError: inError.length,
      // What beta's cloudLicensing/assignmentErrors lists: one per failing assignment.
      assignmentErrors: inError.reduce(
        (n, u) => n + u.licenseAssignmentStates.filter((s) => s.error !== "None").length,
        0,
      ),
      pendingReprocess: state.licensing.pending,
    },
    usersInErrorByCode: usersPerCode,
    skus: tenant.skus.map((s) => describeSku(tenant, s)),
    usersInError: inError.map((u) => ({
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      usageLocation: u.usageLocation,
      failing: failingAssignments(tenant, u),
    })),
  };
}

export const describeGroup = (tenant: Tenant, group: Group) => ({
  id: group.id,
  displayName: group.displayName,
  memberCount: group.memberIds.length,
  assignedLicenses: group.assignedLicenses,
  licenseProcessingState: group.licenseProcessingState,
  membersWithLicenseErrors: membersWithLicenseErrors(tenant, group).map((u) => ({
    id: u.id,
    userPrincipalName: u.userPrincipalName,
  })),
});
