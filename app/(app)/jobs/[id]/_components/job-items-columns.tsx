"use client";

import type { ColumnDef, FilterFn } from "@tanstack/react-table";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import { JobItemBadge } from "@/components/jobs/job-item-badge";
import { matchesNameOrUpn } from "@/components/users/matches-name-or-upn";
import { UserNameCell } from "@/components/users/user-name-cell";
import type { JobItemView } from "@/lib/api/jobs";

type Column = ColumnDef<JobItemView>;

/** Outcome filter values: an outcome, or "in_progress" for users without one yet. */
export type OutcomeFilter = NonNullable<JobItemView["outcome"]> | "in_progress";

export const outcomeOf = (item: JobItemView): OutcomeFilter =>
  item.state === "final" && item.outcome ? item.outcome : "in_progress";

const matchesOutcome: FilterFn<JobItemView> = (row, _id, chosen: OutcomeFilter) =>
  outcomeOf(row.original) === chosen;

/** Long text in a fixed-height row: cut, with the whole text on hover. */
function Clipped({ text }: { text: string | null }) {
  if (!text) return <span className="text-zinc-400">—</span>;
  return (
    <span title={text} className="block truncate">
      {text}
    </span>
  );
}

function header(title: string): Column["header"] {
  return function SortableHeader({ column }) {
    return <DataTableColumnHeader column={column} title={title} />;
  };
}

/** The job page's columns: who, what happened, why, what changed, Graph's error, attempts. */
export const jobItemColumns: Column[] = [
  {
    id: "user",
    accessorFn: (item) => item.displayName,
    filterFn: matchesNameOrUpn,
    size: 240,
    header: header("User"),
    cell: ({ row }) => (
      <UserNameCell
        displayName={row.original.displayName}
        userPrincipalName={row.original.userPrincipalName}
      />
    ),
  },
  {
    id: "outcome",
    accessorFn: outcomeOf,
    filterFn: matchesOutcome,
    size: 130,
    header: header("Outcome"),
    cell: ({ row }) => <JobItemBadge item={row.original} />,
  },
  {
    id: "message",
    accessorFn: (item) => item.message ?? "",
    size: 320,
    enableSorting: false,
    header: () => "Message",
    cell: ({ row }) => <Clipped text={row.original.message} />,
  },
  {
    id: "diff",
    accessorFn: (item) => item.diffSummary ?? "",
    size: 260,
    enableSorting: false,
    header: () => "What changed",
    cell: ({ row }) => <Clipped text={row.original.diffSummary} />,
  },
  {
    id: "graphError",
    accessorFn: (item) => item.graphError?.code ?? "",
    size: 200,
    header: header("Graph error"),
    cell: ({ row }) => {
      const error = row.original.graphError;
      return <Clipped text={error ? `${error.status} ${error.code}: ${error.message}` : null} />;
    },
  },
  {
    id: "attempts",
    accessorFn: (item) => item.attempts,
    size: 90,
    meta: { cellClassName: "text-right tabular-nums" },
    header: header("Attempts"),
  },
];
