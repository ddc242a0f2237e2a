"use client";

import { flexRender, type Row, type Table } from "@tanstack/react-table";
import { type ReactNode, useState } from "react";
import { cn } from "@/lib/utils";
import "./column-meta";
import { columnWidth } from "./column-width";
import { DataTableVirtualBody } from "./data-table-virtual-body";

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

interface DataTableProps<TData> {
  table: Table<TData>;
  /** The table's accessible name. */
  label: string;
  /** Every row has this height in pixels; the virtualizer lays rows out with it. */
  rowHeight: number;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
  /** Enter on a row, or a click outside its controls, opens it. */
  onOpenRow?: (row: Row<TData>) => void;
  className?: string;
}

/**
 * A column-agnostic table: a scroll box with a sticky header and virtualized rows, so ten thousand
 * rows cost what the visible ones cost. Columns, toolbar and actions come from the feature.
 */
export function DataTable<TData>({
  table,
  label,
  rowHeight,
  empty,
  onOpenRow,
  className,
}: DataTableProps<TData>) {
  // State, not a ref: the virtualizer below must render again once the box exists, or rows that
  // are all there at mount (a finished job) would wait for an unrelated render to appear.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  return (
    // will-change-scroll gives the box its own layer: scrolling moves painted tiles, not repaints.
    <div
      ref={setScrollElement}
      className={cn(
        "relative h-[min(70dvh,44rem)] overflow-auto rounded-lg border border-zinc-200 bg-white will-change-scroll dark:border-zinc-800 dark:bg-zinc-900",
        className,
      )}
    >
      {/* Grid, not table, layout: rows keep their fixed height and column widths, with no table layout pass. */}
      <table
        aria-label={label}
        aria-rowcount={table.getRowModel().rows.length + 1}
        className="grid w-full text-sm"
        style={{ minWidth: table.getTotalSize() }}
      >
        <thead className="sticky top-0 z-10 grid bg-zinc-50 dark:bg-zinc-900">
          {table.getHeaderGroups().map((group) => (
            <tr
              key={group.id}
              aria-rowindex={1}
              className="flex items-center border-b border-zinc-200 dark:border-zinc-800"
            >
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      header.column.getCanSort() ? (sorted ? ARIA_SORT[sorted] : "none") : undefined
                    }
                    style={columnWidth(header.getSize())}
                    className="px-3 py-2 text-left text-xs font-medium text-zinc-600 dark:text-zinc-300"
                  >
                    {header.isPlaceholder
                      ? null
                      : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <DataTableVirtualBody
          table={table}
          scrollElement={scrollElement}
          rowHeight={rowHeight}
          empty={empty}
          onOpenRow={onOpenRow}
        />
      </table>
    </div>
  );
}
