"use client";

import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { appRoleDisplayName } from "@/lib/api/app-roles";
import { useMe } from "@/lib/client/use-me";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-sm sm:col-span-2">{children}</dd>
    </div>
  );
}

function RoleList({ roles, empty }: { roles: string[]; empty: string }) {
  if (roles.length === 0) return <span className="text-zinc-500">{empty}</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {roles.map((role) => (
        <Badge key={role}>{role}</Badge>
      ))}
    </span>
  );
}

/** What the API knows about the signed-in admin: the roles that decide what they may do. */
export function SignedInHome() {
  const me = useMe();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Your access</h1>
      <div className="rounded-lg border border-zinc-200 bg-white px-5 dark:border-zinc-800 dark:bg-zinc-900">
        {me.isError ? (
          <p role="alert" className="py-5 text-sm text-red-700 dark:text-red-400">
            {me.error.message}
          </p>
        ) : !me.isSuccess ? (
          <p role="status" className="py-5 text-sm text-zinc-500">
            Loading your profile…
          </p>
        ) : (
          <dl className="divide-y divide-zinc-200 dark:divide-zinc-800">
            <Field label="Signed in as">
              {me.data.name}
              <span className="block text-zinc-500">{me.data.userPrincipalName}</span>
            </Field>
            <Field label="Directory roles">
              <RoleList roles={me.data.directoryRoles} empty="None" />
            </Field>
            <Field label="Licensedesk roles">
              <RoleList roles={me.data.roles.map(appRoleDisplayName)} empty="None" />
            </Field>
          </dl>
        )}
      </div>
    </section>
  );
}
