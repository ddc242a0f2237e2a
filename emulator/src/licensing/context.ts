import { groupAddresses } from "../tenant/lookup";
import type { Group, Sku, Tenant, User } from "../tenant/model";
import type { AddressHolder } from "./created-cause";
import { type Grant, makeGrant } from "./grants";

/** Indexes one processing run needs; built once so a whole tenant processes in linear time. */
export interface ProcessingContext {
  tenant: Tenant;
  skus: Map<string, Sku>;
  /** skuId → number of users holding it (consumedUnits), kept current as users are processed. */
  consumed: Map<string, number>;
  /** userId → groups with licenses the user is a member of, in tenant order. */
  licensedGroupsOf: Map<string, Group[]>;
  /** Normalised proxy address → the first recipient (user, group or contact) carrying it. */
  addressOwners: Map<string, string>;
  /** Addresses that more than one recipient carries. */
  sharedAddresses: Set<string>;
  /** `skuId|disabled plan ids` → what that license switches on. */
  grants: Map<string, Grant | null>;
  /** Normalised proxy address → every recipient carrying it; built on the first duplicate met. */
  addressHolders?: Map<string, AddressHolder[]>;
}

/** `SMTP:a@b` and `smtp:a@b` are the same address (primary vs secondary). */
export const normaliseAddress = (address: string): string => address.trim().toLowerCase();

export function createContext(tenant: Tenant): ProcessingContext {
  const consumed = new Map<string, number>();
  const addressOwners = new Map<string, string>();
  const sharedAddresses = new Set<string>();
  const own = (key: string, id: string) => {
    const owner = addressOwners.get(key);
    if (owner === undefined) addressOwners.set(key, id);
    else if (owner !== id) sharedAddresses.add(key);
  };
  for (const user of tenant.users) {
    for (const license of user.assignedLicenses) {
      consumed.set(license.skuId, (consumed.get(license.skuId) ?? 0) + 1);
    }
    for (const address of user.proxyAddresses) own(normaliseAddress(address), user.id);
  }
  // Addresses are unique across every mail recipient: a mail-enabled group's and a contact's count too.
  for (const group of tenant.groups) {
    for (const address of groupAddresses(group)) own(normaliseAddress(address), group.id);
  }
  for (const contact of tenant.contacts) {
    for (const address of contact.proxyAddresses) own(normaliseAddress(address), contact.id);
  }
  const licensedGroupsOf = new Map<string, Group[]>();
  for (const group of tenant.groups) {
    if (group.assignedLicenses.length === 0) continue;
    for (const memberId of group.memberIds) {
      const groups = licensedGroupsOf.get(memberId) ?? [];
      groups.push(group);
      licensedGroupsOf.set(memberId, groups);
    }
  }
  return {
    tenant,
    skus: new Map(tenant.skus.map((s) => [s.skuId, s])),
    consumed,
    licensedGroupsOf,
    addressOwners,
    sharedAddresses,
    grants: new Map(),
  };
}

/** True when another recipient carries one of this user's proxy addresses. */
export function sharesProxyAddress(ctx: ProcessingContext, user: User): boolean {
  return user.proxyAddresses.some((address) => {
    const key = normaliseAddress(address);
    return ctx.sharedAddresses.has(key) || (ctx.addressOwners.get(key) ?? user.id) !== user.id;
  });
}

/** This user's addresses that another recipient carries too, and those holders: what a UniquenessViolation names. */
export function sharedAddressesOf(ctx: ProcessingContext, user: User) {
  ctx.addressHolders ??= indexAddressHolders(ctx.tenant);
  const addresses = new Set<string>();
  const holders = new Map<string, AddressHolder>();
  for (const address of user.proxyAddresses) {
    const key = normaliseAddress(address);
    const others = (ctx.addressHolders.get(key) ?? []).filter((h) => h.id !== user.id);
    if (others.length === 0) continue;
    addresses.add(key);
    for (const holder of others) holders.set(holder.id, holder);
  }
  return { addresses: [...addresses], holders: [...holders.values()] };
}

function indexAddressHolders(tenant: Tenant): Map<string, AddressHolder[]> {
  const index = new Map<string, AddressHolder[]>();
  const hold = (key: string, holder: AddressHolder) => {
    const holders = index.get(key) ?? [];
    if (!holders.some((h) => h.id === holder.id)) holders.push(holder);
    index.set(key, holders);
  };
  for (const user of tenant.users) {
    for (const address of user.proxyAddresses) {
      hold(normaliseAddress(address), { id: user.id, type: "user" });
    }
  }
  for (const group of tenant.groups) {
    for (const address of groupAddresses(group)) {
      hold(normaliseAddress(address), { id: group.id, type: "group" });
    }
  }
  for (const contact of tenant.contacts) {
    for (const address of contact.proxyAddresses) {
      hold(normaliseAddress(address), { id: contact.id, type: "orgContact" });
    }
  }
  return index;
}

/** Moves the consumed counts from the user's old licenses to the new ones. */
export function recount(ctx: ProcessingContext, before: string[], after: string[]): void {
  for (const skuId of before) {
    if (!after.includes(skuId)) ctx.consumed.set(skuId, (ctx.consumed.get(skuId) ?? 1) - 1);
  }
  for (const skuId of after) {
    if (!before.includes(skuId)) ctx.consumed.set(skuId, (ctx.consumed.get(skuId) ?? 0) + 1);
  }
}

/** The grant of a license, or null when the tenant has no such subscription. */
export function grantFor(ctx: ProcessingContext, skuId: string, disabledPlans: string[]) {
  const key = `${skuId}|${disabledPlans.join(",")}`;
  let grant = ctx.grants.get(key);
  if (grant === undefined) {
    const sku = ctx.skus.get(skuId);
    grant = sku ? makeGrant(sku, disabledPlans) : null;
    ctx.grants.set(key, grant);
  }
  return grant;
}
