"use client";

import type { Table } from "@tanstack/react-table";
import { Button } from "@/components/ui/button";
import { countSelectedRows } from "./count-selected-rows";

/** How many rows the filters show out of all, and how many are selected, with a way to clear. */
export function DataTableFooter<TData>({
  table,
  noun,
}: {
  table: Table<TData>;
  /** Plural noun for the rows, e.g. "users". */
  noun: string;
}) {
  const shown = table.getFilteredRowModel().rows.length;
  const total = table.getCoreRowModel().rows.length;
  const selected = countSelectedRows(table.getCoreRowModel().rows, table.getState().rowSelection);
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
      <p aria-live="polite">
        {shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun} shown`}
        {selected > 0 && ` · ${selected} selected`}
      </p>
      {selected > 0 && (
        <Button variant="ghost" size="sm" onClick={() => table.resetRowSelection()}>
          Clear selection
        </Button>
      )}
    </div>
  );
}
