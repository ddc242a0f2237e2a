"use client";

import { createContext, type ReactNode, useContext, useMemo } from "react";
import { useStartReprocess, useUsersWithActionRunning } from "@/lib/client/use-user-actions";
import type { ReprocessPermission } from "./reprocess-permission";

interface RowActions {
  permission: ReprocessPermission;
  /** Users with a reprocess or usage-location change running. */
  running: Set<string>;
  reprocess: (userId: string) => void;
}

const RowActionsContext = createContext<RowActions | null>(null);

/** One place that starts actions for every row, so a scrolled-in row costs no hooks of its own. */
export function RowActionsProvider({
  permission,
  children,
}: {
  permission: ReprocessPermission;
  children: ReactNode;
}) {
  const running = useUsersWithActionRunning();
  const reprocess = useStartReprocess();
  const value = useMemo(
    () => ({ permission, running, reprocess }),
    [permission, running, reprocess],
  );
  return <RowActionsContext.Provider value={value}>{children}</RowActionsContext.Provider>;
}

export function useRowActions(): RowActions {
  const actions = useContext(RowActionsContext);
  if (!actions) throw new Error("useRowActions must be used inside <RowActionsProvider>.");
  return actions;
}
