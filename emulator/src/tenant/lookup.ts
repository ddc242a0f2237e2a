import type { Group, Tenant, User } from "./model";

/** Maps by id and user principal name; the seed fixes the user and group lists, so they rarely change. */
interface Index {
  users: User[];
  userCount: number;
  groups: Group[];
  groupCount: number;
  userById: Map<string, User>;
  userByUpn: Map<string, User>;
  groupById: Map<string, Group>;
}

const indexes = new WeakMap<Tenant, Index>();

function build(tenant: Tenant): Index {
  return {
    users: tenant.users,
    userCount: tenant.users.length,
    groups: tenant.groups,
    groupCount: tenant.groups.length,
    userById: new Map(tenant.users.map((u) => [u.id, u])),
    userByUpn: new Map(tenant.users.map((u) => [u.userPrincipalName.toLowerCase(), u])),
    groupById: new Map(tenant.groups.map((g) => [g.id, g])),
  };
}

/** The tenant's index, rebuilt when its user or group list was replaced or grew or shrank. */
function indexOf(tenant: Tenant): Index {
  const index = indexes.get(tenant);
  const current =
    index !== undefined &&
    index.users === tenant.users &&
    index.userCount === tenant.users.length &&
    index.groups === tenant.groups &&
    index.groupCount === tenant.groups.length;
  if (current) return index;
  const fresh = build(tenant);
  indexes.set(tenant, fresh);
  return fresh;
}

export const userById = (tenant: Tenant, id: string): User | undefined =>
  indexOf(tenant).userById.get(id.toLowerCase());

/** A user by object id or user principal name, case-insensitively, as Graph addresses users. */
export function userByKey(tenant: Tenant, key: string): User | undefined {
  const lower = key.toLowerCase();
  const index = indexOf(tenant);
  return index.userById.get(lower) ?? index.userByUpn.get(lower);
}

export const groupById = (tenant: Tenant, id: string): Group | undefined =>
  indexOf(tenant).groupById.get(id.toLowerCase());

/** The group's members that exist, in membership order. */
export const membersOf = (tenant: Tenant, group: Group): User[] => {
  const { userById: byId } = indexOf(tenant);
  return group.memberIds.flatMap((id) => byId.get(id) ?? []);
};
