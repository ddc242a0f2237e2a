import { randomUUID } from "node:crypto";
import { processUsers, timestamp } from "../licensing/engine";
import { buildUser } from "../seed/build";
import { asciiAlias } from "../seed/demo-people";
import { SeedError } from "../seed/errors";
import { userDescriptionSchema } from "../seed/schema";
import { findGroupByKey } from "./directory";
import { groupAddresses, userByKey } from "./lookup";
import type { Group, Tenant, User } from "./model";

/** A new joiner as the control API takes it (`POST /_emulator/users`). */
export interface Joiner {
  displayName: string;
  /** Derived from the display name in the default domain when absent. */
  userPrincipalName?: string;
  usageLocation: string | null;
  /** Group names or ids. */
  groups: string[];
  accountEnabled: boolean;
}

const bareAddress = (proxyAddress: string) => proxyAddress.replace(/^smtp:/i, "").toLowerCase();

/** Every address a recipient of the tenant holds, lower-cased: a derived name must not collide. */
function takenAddresses(tenant: Tenant): Set<string> {
  const taken = new Set<string>();
  for (const user of tenant.users) {
    taken.add(user.userPrincipalName.toLowerCase());
    for (const address of user.proxyAddresses) taken.add(bareAddress(address));
  }
  for (const group of tenant.groups)
    for (const a of groupAddresses(group)) taken.add(bareAddress(a));
  for (const contact of tenant.contacts) {
    for (const address of contact.proxyAddresses) taken.add(bareAddress(address));
  }
  return taken;
}

/** `Zoë van Dijk` → `zoe.van.dijk@{domain}`, numbered from 2 while taken, as the demo names people. */
function derivedUpn(tenant: Tenant, displayName: string): string {
  const alias = displayName.split(/\s+/).map(asciiAlias).filter(Boolean).join(".") || "user";
  const taken = takenAddresses(tenant);
  const upn = (suffix: string) => `${alias}${suffix}@${tenant.defaultDomain}`;
  let n = 1;
  while (taken.has(upn(n === 1 ? "" : String(n)))) n++;
  return upn(n === 1 ? "" : String(n));
}

function groupsOf(tenant: Tenant, keys: string[]): Group[] {
  const groups: Group[] = [];
  for (const key of keys) {
    const group = findGroupByKey(tenant, key);
    if (!group) throw new SeedError(`groups: no group '${key}' in this tenant.`);
    if (!groups.includes(group)) groups.push(group);
  }
  return groups;
}

/**
 * Creates a user with a fresh object id, adds it to its groups and processes it at `now`, as Entra
 * processes a new member: licenses from those groups are applied or fail. Mistakes are SeedErrors.
 */
export function addJoiner(tenant: Tenant, joiner: Joiner, now: Date): User {
  const groups = groupsOf(tenant, joiner.groups);
  const upn = joiner.userPrincipalName?.toLowerCase() ?? derivedUpn(tenant, joiner.displayName);
  if (userByKey(tenant, upn)) {
    throw new SeedError(`userPrincipalName: '${upn}' belongs to another user.`);
  }
  const created = timestamp(now);
  const description = userDescriptionSchema.parse({
    userPrincipalName: upn,
    displayName: joiner.displayName,
    usageLocation: joiner.usageLocation,
    accountEnabled: joiner.accountEnabled,
    createdDateTime: created,
  });
  const user: User = { ...buildUser(tenant, tenant.skus, description, created), id: randomUUID() };
  tenant.users.push(user);
  // A new array, so the member cache (keyed by the array) sees the change.
  for (const group of groups) group.memberIds = [...group.memberIds, user.id];
  processUsers(tenant, [user], now);
  return user;
}
