"use client";

import type { ColumnDef, Row } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/checkbox";
import { useRowControlTabIndex } from "./row-tab-stop";

function RowCheckbox<TData>({ row, label }: { row: Row<TData>; label: string }) {
  return (
    <Checkbox
      aria-label={label}
      tabIndex={useRowControlTabIndex()}
      checked={row.getIsSelected()}
      onCheckedChange={(checked) => row.toggleSelected(checked)}
    />
  );
}

/**
 * The selection column: a tri-state header checkbox for every row the filters show, and one
 * checkbox per row named after the row, so a screen reader says what it selects.
 */
export function selectColumn<TData>(rowLabel: (row: TData) => string): ColumnDef<TData> {
  return {
    id: "select",
    size: 40,
    enableSorting: false,
    enableHiding: false,
    meta: { label: "Select" },
    header: ({ table }) => (
      <Checkbox
        aria-label={`Select all ${table.getFilteredRowModel().rows.length} shown rows`}
        checked={
          table.getIsAllRowsSelected()
            ? true
            : table.getIsSomeRowsSelected()
              ? "indeterminate"
              : false
        }
        onCheckedChange={(checked) => table.toggleAllRowsSelected(checked)}
      />
    ),
    cell: ({ row }) => <RowCheckbox row={row} label={`Select ${rowLabel(row.original)}`} />,
  };
}
