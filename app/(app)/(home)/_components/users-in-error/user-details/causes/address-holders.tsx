import { Badge } from "@/components/ui/badge";
import type { NamedCause } from "@/lib/api/license-causes";
import { portalLink, portalName } from "@/lib/client/portal-links";
import { MissingPermissions } from "./missing-permissions";

type DuplicateAddress = Extract<NamedCause, { kind: "duplicateAddress" }>;

const TYPE_LABEL = { user: "User", group: "Group", orgContact: "Contact" } as const;

/** The duplicate addresses and the other users, groups or contacts that carry them. */
export function AddressHolders({ cause }: { cause: DuplicateAddress }) {
  return (
    <div className="space-y-2">
      {cause.addresses.length > 0 && (
        <p>
          Shared address{cause.addresses.length > 1 ? "es" : ""}:{" "}
          {cause.addresses.map((a) => (
            <code key={a} className="mr-2 font-mono">
              {a}
            </code>
          ))}
        </p>
      )}
      {cause.holders.length > 0 ? (
        <ul aria-label="Also carried by" className="space-y-1.5">
          {cause.holders.map((holder) => (
            <li
              key={holder.id}
              className="flex flex-wrap items-center gap-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-800"
            >
              <Badge>{TYPE_LABEL[holder.type]}</Badge>
              <span className="font-medium">{holder.displayName}</span>
              {holder.detail && (
                <span className="text-zinc-600 dark:text-zinc-400">{holder.detail}</span>
              )}
              {holder.accountEnabled === false && <Badge variant="warning">Disabled</Badge>}
              <a
                className="ml-auto text-sky-700 underline-offset-2 hover:underline dark:text-sky-400"
                href={portalLink(holder.type, holder.id)}
                target="_blank"
                rel="noreferrer"
              >
                Open in the {portalName(holder.type)}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-zinc-700 dark:text-zinc-300">
          {cause.lookup === "notLookedUp"
            ? "Looking for the other recipient…"
            : "No user, group or contact Licensedesk can read carries one of this user's addresses. Objects only Exchange knows (a mailbox being deleted, a mail user) do not show in Microsoft Graph: in Exchange Online PowerShell, Get-Recipient with the address finds them."}
        </p>
      )}
      <MissingPermissions missing={cause.missing} />
    </div>
  );
}
