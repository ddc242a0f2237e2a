"use client";

import { AuthenticatedTemplate } from "@azure/msal-react";
import Link from "next/link";
import { TenantBadge } from "./tenant-badge";
import { UserMenu } from "./user-menu";

export function AppHeader() {
  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-3 px-4 sm:px-6">
        <span
          aria-hidden
          className="grid size-8 shrink-0 place-items-center rounded-md bg-sky-600 text-sm font-bold text-white"
        >
          L
        </span>
        <span className="text-base font-semibold tracking-tight">Licensedesk</span>
        <span className="hidden md:inline-flex">
          <TenantBadge />
        </span>
        <div className="ml-auto flex min-w-0 items-center gap-4">
          <AuthenticatedTemplate>
            <nav aria-label="Pages" className="flex gap-3 text-sm">
              <Link href="/" className="underline-offset-2 hover:underline">
                Users in error
              </Link>
              <Link href="/history" className="underline-offset-2 hover:underline">
                History
              </Link>
              <Link href="/settings" className="underline-offset-2 hover:underline">
                Settings
              </Link>
            </nav>
            <UserMenu />
          </AuthenticatedTemplate>
        </div>
      </div>
    </header>
  );
}
