"use client";

import dynamic from "next/dynamic";
import { Sheet } from "@/components/ui/sheet";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import type { ReprocessPermission } from "../reprocess-permission";

const panelNote = "text-sm text-zinc-600 dark:text-zinc-400";

// Only needed once someone opens a user, so it stays out of the dashboard's first load.
const UserDetails = dynamic(() => import("./user-details").then((m) => m.UserDetails), {
  loading: () => (
    <p role="status" className={panelNote}>
      Loading the user&apos;s details…
    </p>
  ),
});

interface UserDetailsPanelProps {
  /** The user named in the URL, or null when no panel is open. */
  userId: string | null;
  row: LicenseErrorListRow | undefined;
  /** Whether the whole list has arrived (else a user not found yet may still come). */
  listComplete: boolean;
  permission: ReprocessPermission;
  onClose: () => void;
}

/** The side panel for one user: why each assignment fails, the fixes, and reprocess results. */
export function UserDetailsPanel({
  userId,
  row,
  listComplete,
  permission,
  onClose,
}: UserDetailsPanelProps) {
  return (
    <Sheet
      open={userId !== null}
      onClose={onClose}
      title={row?.displayName ?? "User"}
      description={row?.userPrincipalName}
    >
      {row ? (
        <UserDetails row={row} permission={permission} />
      ) : (
        <p role="status" className={panelNote}>
          {listComplete
            ? "This user is not in the list of users with license errors."
            : "Looking for this user in the list…"}
        </p>
      )}
    </Sheet>
  );
}
