import { formatDateTime } from "@/components/format/date-time";
import type { AssignmentCause } from "@/lib/api/license-causes";
import type { FailingAssignment } from "@/lib/api/license-errors";
import { ErrorBadge, StateBadge } from "../license-badges";
import { DIRECT_ASSIGNMENT } from "@/components/licenses/labels";
import { NamedCauseView } from "./causes/named-cause";
import { SeatCounts } from "./causes/seat-counts";

/** The list's own words while the named cause is read (or when it could not be). */
function ListCause({ failing, note }: { failing: FailingAssignment; note: string | null }) {
  const { explanation } = failing;
  return (
    <div className="space-y-2 text-sm">
      <dl className="space-y-2">
        <div>
          <dt className="font-medium">Why</dt>
          <dd className="text-zinc-700 dark:text-zinc-300">{failing.causeLine}</dd>
          <dd className="text-zinc-600 dark:text-zinc-400">{explanation.cause}</dd>
        </div>
        <div>
          <dt className="font-medium">Fix</dt>
          <dd className="text-zinc-700 dark:text-zinc-300">{explanation.fix}</dd>
        </div>
      </dl>
      {note && <p className="text-xs text-zinc-600 dark:text-zinc-400">{note}</p>}
      {failing.seats && <SeatCounts seats={failing.seats} />}
    </div>
  );
}

/** One failing assignment: product and source, its named cause, and what fixes it. */
export function FailingAssignmentCard({
  failing,
  named,
  note,
}: {
  failing: FailingAssignment;
  /** Null until the user's causes are read, or when they could not be. */
  named: AssignmentCause | null;
  /** Why the named cause is not shown yet. */
  note: string | null;
}) {
  const { explanation } = failing;
  // The named cause knows better than the code: seats freed since, or a conflict Microsoft now allows.
  const reprocessFirst = named ? named.fixes[0]?.action === "reprocess" : !explanation.fixFirst;
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
      {named ? <NamedCauseView named={named} /> : <ListCause failing={failing} note={note} />}
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {reprocessFirst
          ? "Reprocessing alone may clear this one."
          : "Fix the cause first: reprocessing before that gives the same error."}{" "}
        Graph code: <code className="font-mono">{failing.error}</code>
      </p>
    </article>
  );
}
