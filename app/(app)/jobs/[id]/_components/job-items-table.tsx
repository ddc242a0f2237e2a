"use client";

import {
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
} from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFooter } from "@/components/data-table/data-table-footer";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { OUTCOME, OUTCOME_ORDER } from "@/components/jobs/job-labels";
import type { JobItemView } from "@/lib/api/jobs";
import { cn } from "@/lib/utils";
import { jobItemColumns, type OutcomeFilter, outcomeOf } from "./job-items-columns";
import { useJobItemsUrlState } from "./use-job-items-url-state";

const FILTER_LABELS: Record<OutcomeFilter, string> = {
  in_progress: "In progress",
  ...Object.fromEntries(OUTCOME_ORDER.map((o) => [o, OUTCOME[o].label])),
} as Record<OutcomeFilter, string>;

/** All, then each outcome present with its count, as toggle buttons. */
function OutcomeFilterButtons({
  items,
  value,
  onChange,
}: {
  items: JobItemView[];
  value: OutcomeFilter | undefined;
  onChange: (value: OutcomeFilter | undefined) => void;
}) {
  const counts = new Map<OutcomeFilter, number>();
  for (const item of items) counts.set(outcomeOf(item), (counts.get(outcomeOf(item)) ?? 0) + 1);
  const options: [OutcomeFilter | undefined, string, number][] = [
    [undefined, "All", items.length],
    ...(["in_progress", ...OUTCOME_ORDER] as OutcomeFilter[])
      .filter((o) => counts.has(o) || o === value)
      .map((o): [OutcomeFilter, string, number] => [o, FILTER_LABELS[o], counts.get(o) ?? 0]),
  ];
  return (
    <div role="group" aria-label="Filter by outcome" className="flex flex-wrap gap-1">
      {options.map(([option, label, count]) => (
        <button
          key={option ?? "all"}
          type="button"
          aria-pressed={value === option}
          onClick={() => onChange(option)}
          className={cn(
            "inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none",
            value === option
              ? "border-sky-700 bg-sky-700 text-white"
              : "border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800",
          )}
        >
          {label}
          <span className="font-semibold tabular-nums">{count}</span>
        </button>
      ))}
    </div>
  );
}

/** Every user of the job with their outcome; filter by outcome, search by name or UPN. */
export function JobItemsTable({ items, complete }: { items: JobItemView[]; complete: boolean }) {
  const { columnFilters, setColumnFilters } = useJobItemsUrlState();
  // The React Compiler is not enabled; nothing here relies on its memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: items,
    columns: jobItemColumns,
    getRowId: (item) => item.userId,
    state: { columnFilters },
    onColumnFiltersChange: setColumnFilters,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const user = table.getColumn("user");
  const outcome = table.getColumn("outcome");
  return (
    <section aria-labelledby="job-items-heading" className="space-y-3">
      <h2 id="job-items-heading" className="text-lg font-semibold">
        Users
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        {user && (
          <DataTableSearch column={user} label="Search users" placeholder="Search name or UPN…" />
        )}
        <OutcomeFilterButtons
          items={items}
          value={outcome?.getFilterValue() as OutcomeFilter | undefined}
          onChange={(value) => outcome?.setFilterValue(value)}
        />
      </div>
      <DataTable
        table={table}
        label="Outcome per user"
        rowHeight={52}
        empty={complete ? "No user matches these filters." : "Reading the job's users…"}
      />
      <DataTableFooter table={table} noun="users" />
    </section>
  );
}
