import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { appRoleDisplayName } from "@/lib/api/app-roles";
import type { GetMeResponse } from "@/lib/api/me";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-sm sm:col-span-2">{children}</dd>
    </div>
  );
}

function RoleList({ roles, empty }: { roles: string[]; empty: string }) {
  if (roles.length === 0) return <span className="text-zinc-600 dark:text-zinc-400">{empty}</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {roles.map((role) => (
        <Badge key={role}>{role}</Badge>
      ))}
    </span>
  );
}

/** What the API knows about the signed-in admin: the roles that decide what they may do. */
export function AccessSummary({ me }: { me: GetMeResponse }) {
  return (
    <dl className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white px-5 dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
      <Field label="Signed in as">
        {me.name}
        <span className="block text-zinc-600 dark:text-zinc-400">{me.userPrincipalName}</span>
      </Field>
      <Field label="Directory roles">
        <RoleList roles={me.directoryRoles} empty="None" />
      </Field>
      <Field label="Licensedesk roles">
        <RoleList roles={me.roles.map(appRoleDisplayName)} empty="None" />
      </Field>
    </dl>
  );
}
