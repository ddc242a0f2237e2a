"use client";

import { useMe } from "@/lib/client/use-me";
import { primaryRoleLabel } from "./role-label";
import { SignOutButton } from "./sign-out-button";

/** The signed-in admin as the API sees them, with sign-out. */
export function UserMenu() {
  const me = useMe();
  return (
    <div className="flex min-w-0 items-center gap-3">
      {me.isSuccess ? (
        <div className="min-w-0 text-right leading-tight">
          <p className="truncate text-sm font-medium">{me.data.name}</p>
          <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
            {primaryRoleLabel(me.data)}
            <span
              className="hidden sm:inline"
              title={
                me.data.graphMode === "app-only"
                  ? "Graph calls run with the Licensedesk API's own permissions"
                  : "Graph calls run with your own permissions (on-behalf-of)"
              }
            >
              {" · "}
              {me.data.graphMode === "app-only" ? "App-only Graph" : "Delegated Graph"}
            </span>
          </p>
        </div>
      ) : me.isError ? (
        <p className="text-sm text-red-700 dark:text-red-400" title={me.error.message}>
          Profile unavailable
        </p>
      ) : (
        <div aria-label="Loading your profile" className="space-y-1.5">
          <div className="h-3 w-28 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
          <div className="ml-auto h-2.5 w-20 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
        </div>
      )}
      <SignOutButton />
    </div>
  );
}
