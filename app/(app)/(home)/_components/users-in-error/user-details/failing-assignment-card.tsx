import { formatDateTime } from "@/components/format/date-time";
import type { FailingAssignment } from "@/lib/api/license-errors";
import { ErrorBadge, StateBadge } from "../license-badges";
import { DIRECT_ASSIGNMENT } from "../license-error-values";

function Seats({ seats }: { seats: NonNullable<FailingAssignment["seats"]> }) {
  return (
    <dl className="grid grid-cols-3 gap-2 rounded-md bg-zinc-50 p-3 text-center dark:bg-zinc-900">
      {(
        [
          ["Bought", seats.prepaid],
          ["In use", seats.consumed],
          ["Available", seats.available],
        ] as const
      ).map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One failing assignment: product and source, the plain cause, and what fixes it. */
export function FailingAssignmentCard({ failing }: { failing: FailingAssignment }) {
  const { explanation } = failing;
  return (
    <article className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 className="font-medium">{failing.productName}</h4>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {failing.groupName ? `Through the group ${failing.groupName}` : DIRECT_ASSIGNMENT} ·
            updated {formatDateTime(failing.lastUpdatedDateTime)}
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          <ErrorBadge failing={failing} />
          <StateBadge state={failing.state} />
        </div>
      </header>
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="font-medium">Why</dt>
          <dd className="text-zinc-700 dark:text-zinc-300">{explanation.cause}</dd>
        </div>
        <div>
          <dt className="font-medium">Fix</dt>
          <dd className="text-zinc-700 dark:text-zinc-300">{explanation.fix}</dd>
        </div>
      </dl>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {explanation.fixFirst
          ? "Fix the cause first: reprocessing before that gives the same error."
          : "Reprocessing alone may clear this one."}{" "}
        Graph code: <code className="font-mono">{failing.error}</code>
      </p>
      {failing.seats && <Seats seats={failing.seats} />}
    </article>
  );
}
