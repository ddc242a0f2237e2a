import { nameUuid } from "../seed/ids";
import type { LicenseAssignmentState, LicenseErrorCode, Tenant, User } from "../tenant/model";

/** The cloud licensing API's codes: v1.0's names, except DependencyViolation (as in Microsoft's example). */
const CLOUD_LICENSING_CODES: Record<Exclude<LicenseErrorCode, "None">, string> = {
  CountViolation: "CountViolation",
  MutuallyExclusiveViolation: "MutuallyExclusiveViolation",
  DependencyViolation: "MissingDependency",
  ProhibitedInUsageLocationViolation: "ProhibitedInUsageLocationViolation",
  UniquenessViolation: "UniquenessViolation",
  Other: "Other",
};

/** One failing license assignment of one user, as `cloudLicensing/assignmentErrors` lists it. */
export interface AssignmentError {
  id: string;
  /** The cloud licensing code, e.g. `MissingDependency`. */
  code: string;
  user: User;
  state: LicenseAssignmentState;
}

// Processing keeps unchanged state objects, so each failing state hashes its id once.
const ids = new WeakMap<LicenseAssignmentState, string>();

/** Opaque and stable: the same user, product and source (group or direct) always give the same id. */
function errorId(tenant: Tenant, user: User, state: LicenseAssignmentState): string {
  let id = ids.get(state);
  if (id === undefined) {
    const source = state.assignedByGroup ?? "direct";
    id = nameUuid(tenant.id, `assignmentError:${user.id}:${state.skuId}:${source}`);
    ids.set(state, id);
  }
  return id;
}

function errorsOfUser(tenant: Tenant, user: User, into: AssignmentError[]): void {
  for (const state of user.licenseAssignmentStates) {
    if (state.error === "None") continue;
    const code = CLOUD_LICENSING_CODES[state.error];
    into.push({ id: errorId(tenant, user, state), code, user, state });
  }
}

const byId = (a: AssignmentError, b: AssignmentError) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A tenant's list, and the state arrays it was read from (processing replaces a user's array). */
interface Listed {
  users: User[];
  states: LicenseAssignmentState[][];
  errors: AssignmentError[];
}

const listed = new WeakMap<Tenant, Listed>();

function stillCurrent(tenant: Tenant, last: Listed | undefined): last is Listed {
  if (last?.users !== tenant.users || last.states.length !== tenant.users.length) return false;
  for (let i = 0; i < tenant.users.length; i++) {
    if (tenant.users[i]!.licenseAssignmentStates !== last.states[i]) return false;
  }
  return true;
}

/** Every failing assignment in the tenant (group-based and direct), ordered by id for keyset paging. */
export function tenantAssignmentErrors(tenant: Tenant): readonly AssignmentError[] {
  const last = listed.get(tenant);
  // Comparing 50,000 array references costs far less than listing and sorting the errors per page.
  if (stillCurrent(tenant, last)) return last.errors;
  const errors: AssignmentError[] = [];
  for (const user of tenant.users) errorsOfUser(tenant, user, errors);
  errors.sort(byId);
  const states = tenant.users.map((u) => u.licenseAssignmentStates);
  listed.set(tenant, { users: tenant.users, states, errors });
  return errors;
}

/** One user's failing assignments, ordered by id. */
export function userAssignmentErrors(tenant: Tenant, user: User): AssignmentError[] {
  const errors: AssignmentError[] = [];
  errorsOfUser(tenant, user, errors);
  return errors.sort(byId);
}
