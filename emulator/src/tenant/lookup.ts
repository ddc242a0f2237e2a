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
  /** Resolved members per memberIds array: membership changes replace the array. */
  members: WeakMap<string[], { count: number; users: User[] }>;
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
    members: new WeakMap(),
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

/** A mail-enabled group's one address, as its proxyAddresses show it; none without mail. */
export const groupAddresses = (group: Group): string[] =>
  group.mail ? [`SMTP:${group.mail}`] : [];

export const groupById = (tenant: Tenant, id: string): Group | undefined =>
  indexOf(tenant).groupById.get(id.toLowerCase());

/** The group's members that exist, in membership order. */
export function membersOf(tenant: Tenant, group: Group): readonly User[] {
  const index = indexOf(tenant);
  const cached = index.members.get(group.memberIds);
  // Each page of a 45,000-member group would otherwise resolve every member again.
  if (cached?.count === group.memberIds.length) return cached.users;
  const members: User[] = [];
  for (const id of group.memberIds) {
    const user = index.userById.get(id);
    if (user) members.push(user);
  }
  index.members.set(group.memberIds, { count: group.memberIds.length, users: members });
  return members;
}
