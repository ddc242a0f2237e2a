"use client";

import { useRowControlTabIndex } from "@/components/data-table/row-tab-stop";
import { Button } from "@/components/ui/button";
import { READ_ONLY_REASON_ID } from "./reprocess-permission";
import { useRowActions } from "./row-actions-context";

interface ReprocessButtonProps {
  userId: string;
  displayName: string;
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
  onStart,
  size = "sm",
}: ReprocessButtonProps) {
  const { permission, running, reprocess } = useRowActions();
  // Outside a grid row (the user's panel) this is always in the Tab order.
  const tabIndex = useRowControlTabIndex();
  if (!permission.allowed) {
    return (
      <Button
        variant="outline"
        size={size}
        aria-disabled="true"
        tabIndex={tabIndex}
        aria-label={`Reprocess ${displayName}`}
        aria-describedby={READ_ONLY_REASON_ID}
        title={permission.reason}
        className="cursor-not-allowed opacity-50"
      >
        Reprocess
      </Button>
    );
  }
  const busy = running.has(userId);
  return (
    <Button
      variant="outline"
      size={size}
      aria-label={`Reprocess ${displayName}`}
      disabled={busy}
      tabIndex={tabIndex}
      onClick={() => {
        reprocess(userId);
        onStart?.();
      }}
    >
      {busy ? "Reprocessing…" : "Reprocess"}
    </Button>
  );
}
