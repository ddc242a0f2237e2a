import "server-only";
import { z } from "zod";
import type { DirectoryObjectRef, MissingPermission } from "@/lib/api/license-causes";
import type { GraphClient } from "../../graph/client";
import { graphRequests, type RecipientKind } from "../../graph/requests";
import type { AddressLookup } from "./name-cause";

const recipientSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
});

const collectionSchema = z.object({ value: z.array(recipientSchema) });

const addressesSchema = z.object({
  id: z.string(),
  proxyAddresses: z.array(z.string()).nullable().optional(),
});

const KINDS: { kind: RecipientKind; type: DirectoryObjectRef["type"] }[] = [
  { kind: "users", type: "user" },
  { kind: "groups", type: "group" },
  { kind: "contacts", type: "orgContact" },
];

// Contacts need a permission of their own; without it Graph answers 403 and the rest still stands.
const CONTACTS_PERMISSION: MissingPermission = {
  permission: "OrgContact.Read.All",
  enables:
    "finding organizational contacts that carry one of the user's addresses (signed in as a person, also a role that may read contacts, such as Directory Readers or User Administrator)",
};

// A mailbox rarely has more; the cap keeps one lookup to one $batch.
const MAX_ADDRESSES = 6;

/** The user's SMTP addresses, lower-case and without their prefix. */
const smtpAddresses = (proxyAddresses: readonly string[]) => [
  ...new Set(
    proxyAddresses
      .filter((a) => /^smtp:/i.test(a))
      .map((a) => a.slice(5).toLowerCase())
      .filter((a) => a.length > 0),
  ),
];

/**
 * Which other users, groups and contacts carry one of the user's mail addresses, in one `$batch`. A
 * permission Licensedesk lacks is reported, never an error; other failures are.
 */
export async function findAddressHolders(
  graph: GraphClient,
  userId: string,
): Promise<AddressLookup> {
  const user = await graph.send(graphRequests.userAddresses(userId), addressesSchema);
  const addresses = smtpAddresses(user.proxyAddresses ?? []).slice(0, MAX_ADDRESSES);
  const asks = addresses.flatMap((address) => KINDS.map((k) => ({ ...k, address })));
  const results = await graph.batch(
    asks.map(({ kind, address }) => graphRequests.recipientsWithAddress(kind, address)),
  );
  const shared = new Set<string>();
  const holders = new Map<string, DirectoryObjectRef>();
  let contactsRefused = false;
  results.forEach((result, i) => {
    const { type, address } = asks[i]!;
    if (!result.ok) {
      if (type === "orgContact" && result.error.code === "forbidden") {
        contactsRefused = true;
        return;
      }
      throw result.error;
    }
    for (const r of collectionSchema.parse(result.body).value) {
      if (r.id.toLowerCase() === user.id.toLowerCase()) continue;
      shared.add(address);
      holders.set(r.id, {
        id: r.id,
        type,
        displayName: r.displayName ?? r.userPrincipalName ?? r.mail ?? r.id,
        detail: r.userPrincipalName ?? r.mail ?? null,
        accountEnabled: type === "user" ? (r.accountEnabled ?? null) : null,
      });
    }
  });
  return {
    addresses: addresses.filter((a) => shared.has(a)),
    holders: [...holders.values()],
    lookup: holders.size > 0 ? "found" : "notInDirectory",
    missing: contactsRefused ? [CONTACTS_PERMISSION] : [],
  };
}
