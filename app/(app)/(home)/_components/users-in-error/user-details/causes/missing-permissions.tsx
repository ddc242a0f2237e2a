import type { MissingPermission } from "@/lib/api/license-causes";

/** Reads Licensedesk skipped for want of a permission, and what granting each would show. */
export function MissingPermissions({ missing }: { missing: MissingPermission[] }) {
  if (missing.length === 0) return null;
  return (
    <ul className="space-y-1 rounded-md bg-amber-50 p-2 text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
      {missing.map((m) => (
        <li key={m.permission}>
          Not searched: <code className="font-mono">{m.permission}</code> would allow {m.enables}.
        </li>
      ))}
    </ul>
  );
}
