"use client";

import { type Column, createCell, flexRender, type Row, type Table } from "@tanstack/react-table";
import { memo, type MouseEvent, useMemo } from "react";
import { cn } from "@/lib/utils";
import { columnWidth } from "./column-width";
import { RowTabStopContext } from "./row-tab-stop";

const INTERACTIVE = "button, a, input, select, textarea, label";

interface DataTableVirtualRowProps<TData> {
  row: Row<TData>;
  index: number;
  table: Table<TData>;
  /** The visible columns: a new array when columns are shown or hidden. */
  columns: Column<TData, unknown>[];
  selected: boolean;
  /** This row holds the grid's one Tab stop. */
  tabbable: boolean;
  height: number;
  onActive: (index: number) => void;
  onOpenRow?: (row: Row<TData>) => void;
}

function DataTableVirtualRow<TData>({
  row,
  index,
  table,
  columns,
  selected,
  tabbable,
  height,
  onActive,
  onOpenRow,
}: DataTableVirtualRowProps<TData>) {
  // Cells made here, not by row.getVisibleCells(), which caches them on the row: after a scroll
  // through 10,000 rows that cache held every row's cells and slowed each garbage collection.
  const cells = useMemo(
    () => columns.map((column) => createCell(table, row, column, column.id)),
    [table, row, columns],
  );
  const onClick = (event: MouseEvent) => {
    if ((event.target as HTMLElement).closest(INTERACTIVE)) return;
    onOpenRow?.(row);
  };
  return (
    <tr
      data-row-index={index}
      data-state={selected ? "selected" : undefined}
      aria-rowindex={index + 2}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => onActive(index)}
      onClick={onClick}
      // content-visibility: the overscan rows out of view cost no style, layout or paint until they scroll in.
      style={{ height }}
      className={cn(
        "flex items-center border-b border-zinc-100 outline-none [content-visibility:auto] hover:bg-zinc-50 focus-visible:bg-sky-50 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset data-[state=selected]:bg-sky-50/70 dark:border-zinc-800/70 dark:hover:bg-zinc-800/50 dark:focus-visible:bg-sky-950/40 dark:data-[state=selected]:bg-sky-950/30",
        onOpenRow && "cursor-pointer",
      )}
    >
      <RowTabStopContext value={tabbable}>
        {cells.map((cell) => (
          <td
            key={cell.id}
            style={columnWidth(cell.column.getSize())}
            className={cn(
              "overflow-hidden px-3 whitespace-nowrap",
              cell.column.columnDef.meta?.cellClassName,
            )}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        ))}
      </RowTabStopContext>
    </tr>
  );
}

/**
 * One grid row, rendered again only when its row, selection, Tab stop or columns change: a scroll
 * step then renders just the rows it brings into view, not every row still on screen.
 */
const MemoRow = memo(DataTableVirtualRow) as typeof DataTableVirtualRow;
export { MemoRow as DataTableVirtualRow };
