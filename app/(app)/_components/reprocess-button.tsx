"use client";

import { Button } from "@/components/ui/button";
import { useIsUserActionRunning, useReprocessUser } from "@/lib/client/use-user-actions";
import { READ_ONLY_REASON_ID, type ReprocessPermission } from "./reprocess-permission";

interface ReprocessButtonProps {
  userId: string;
  displayName: string;
  permission: ReprocessPermission;
  /** Called when the reprocess starts, e.g. to open the user's panel where the result shows. */
  onStart?: () => void;
  size?: "sm" | "default";
}

/**
 * Starts `POST /api/users/{id}/reprocess`. For readers it stays focusable but inert
 * (`aria-disabled`), so keyboard and screen-reader users still learn why.
 */
export function ReprocessButton({
  userId,
  displayName,
  permission,
  onStart,
  size = "sm",
}: ReprocessButtonProps) {
  const reprocess = useReprocessUser(userId);
  const running = useIsUserActionRunning(userId);
  if (!permission.allowed) {
    return (
      <Button
        variant="outline"
        size={size}
        aria-disabled="true"
        aria-label={`Reprocess ${displayName}`}
        aria-describedby={READ_ONLY_REASON_ID}
        title={permission.reason}
        className="cursor-not-allowed opacity-50"
      >
        Reprocess
      </Button>
    );
  }
  return (
    <Button
      variant="outline"
      size={size}
      aria-label={`Reprocess ${displayName}`}
      disabled={running}
      onClick={() => {
        reprocess.mutate();
        onStart?.();
      }}
    >
      {running ? "Reprocessing…" : "Reprocess"}
    </Button>
  );
}
