"use client";

import type { ColumnDef, Row, Table } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/checkbox";
import { countSelectedRows } from "./count-selected-rows";
import { useRowControlTabIndex } from "./row-tab-stop";

/** The row each table's last plain click or Space selected, where a shift-click range starts. */
const anchors = new WeakMap<object, string>();

/**
 * Selects or clears one row, or with `extend` every row between the last one picked and this one
 * in the order the table shows them (filters and sort applied), as file managers do.
 */
export function setRowSelected<TData>(
  table: Table<TData>,
  row: Row<TData>,
  value: boolean,
  extend: boolean,
) {
  const rows = table.getRowModel().rows;
  const anchor = anchors.get(table);
  const from = extend && anchor ? rows.findIndex((r) => r.id === anchor) : -1;
  const to = rows.findIndex((r) => r.id === row.id);
  if (from === -1 || to === -1) {
    row.toggleSelected(value);
  } else {
    const range = rows.slice(Math.min(from, to), Math.max(from, to) + 1);
    table.setRowSelection((old) => {
      const next = { ...old };
      for (const r of range) {
        if (value) next[r.id] = true;
        else delete next[r.id];
      }
      return next;
    });
  }
  anchors.set(table, row.id);
}

function RowCheckbox<TData>({
  table,
  row,
  label,
}: {
  table: Table<TData>;
  row: Row<TData>;
  label: string;
}) {
  return (
    <Checkbox
      aria-label={label}
      tabIndex={useRowControlTabIndex()}
      checked={row.getIsSelected()}
      onCheckedChange={(checked, event) =>
        setRowSelected(table, row, checked, (event.nativeEvent as MouseEvent).shiftKey)
      }
    />
  );
}

function SelectAllCheckbox<TData>({ table }: { table: Table<TData> }) {
  // Without pagination the "page" is every row that passes the filters.
  const rows = table.getPaginationRowModel().rows;
  const filtered = table.getState().columnFilters.length > 0;
  const selected = countSelectedRows(rows, table.getState().rowSelection);
  return (
    <Checkbox
      aria-label={`Select all ${rows.length} rows${filtered ? " matching the filters" : ""}`}
      checked={selected > 0 && selected === rows.length ? true : selected > 0 && "indeterminate"}
      onCheckedChange={(checked) => table.toggleAllPageRowsSelected(checked)}
    />
  );
}

/**
 * The selection column: the header checkbox selects every row the filters show (rendered or
 * scrolled away) and says how many; each row's checkbox is named after the row; shift-click
 * selects a range.
 */
export function selectColumn<TData>(rowLabel: (row: TData) => string): ColumnDef<TData> {
  return {
    id: "select",
    size: 40,
    enableSorting: false,
    enableHiding: false,
    meta: { label: "Select" },
    header: ({ table }) => <SelectAllCheckbox table={table} />,
    cell: ({ table, row }) => (
      <RowCheckbox table={table} row={row} label={`Select ${rowLabel(row.original)}`} />
    ),
  };
}
