"use client";

import { countryLabel } from "@/lib/client/countries";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { useLicenseCauses } from "@/lib/client/use-license-causes";
import { useLatestUserAction } from "@/lib/client/use-user-actions";
import { StateBadge } from "../license-badges";
import { needsUsageLocation } from "../license-error-values";
import { ReprocessButton } from "../reprocess-button";
import type { ReprocessPermission } from "../reprocess-permission";
import { FailingAssignmentCard } from "./failing-assignment-card";
import { UserActionResult } from "./reprocess-result";
import { UsageLocationFix } from "./usage-location-fix";
import { UserHistory } from "./user-history";

/** One user's details, fixes and results: the panel's content, loaded when a panel first opens. */
export function UserDetails({
  row,
  permission,
}: {
  row: LicenseErrorListRow;
  permission: ReprocessPermission;
}) {
  const action = useLatestUserAction(row.id);
  const locationFix = !row.resolved && needsUsageLocation(row.failing);
  const causes = useLicenseCauses(row.id, !row.resolved);
  const note = row.resolved
    ? null
    : causes.isError
      ? `The detailed cause could not be read: ${causes.error.message}`
      : causes.isPending
        ? "Reading the detailed cause…"
        : null;
  const namedFor = (f: { skuId: string; groupId: string | null }) =>
    causes.data?.assignments.find(
      (a) =>
        a.skuId.toLowerCase() === f.skuId.toLowerCase() &&
        (a.groupId ?? "").toLowerCase() === (f.groupId ?? "").toLowerCase(),
    ) ?? null;
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Usage location</dt>
          <dd>{countryLabel(row.usageLocation)}</dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Account</dt>
          <dd>{row.accountEnabled === false ? "Disabled" : "Enabled"}</dd>
        </div>
        <div>
          <dt className="text-zinc-600 dark:text-zinc-400">Status</dt>
          <dd>
            <StateBadge state={row.resolved ? "Resolved" : "Error"} />
          </dd>
        </div>
      </dl>
      <div className="flex flex-wrap items-center gap-3">
        <ReprocessButton userId={row.id} displayName={row.displayName} size="default" />
        {!permission.allowed && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{permission.reason}</p>
        )}
      </div>
      {locationFix && <UsageLocationFix userId={row.id} current={row.usageLocation} />}
      <UserActionResult action={action} />
      <section aria-labelledby="failing-heading" className="space-y-3">
        <h3 id="failing-heading" className="text-base font-semibold">
          {row.resolved ? "What was failing" : "Failing assignments"}
        </h3>
        {row.failing.map((failing) => (
          <FailingAssignmentCard
            key={`${failing.skuId}:${failing.groupId ?? "direct"}`}
            failing={failing}
            named={row.resolved ? null : namedFor(failing)}
            note={note}
          />
        ))}
      </section>
      <UserHistory userId={row.id} />
    </>
  );
}
