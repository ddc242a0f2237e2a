"use client";

import type { Row, Table } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { setRowSelected } from "./data-table-select-column";
import { DataTableVirtualRow } from "./data-table-virtual-row";

interface DataTableVirtualBodyProps<TData> {
  table: Table<TData>;
  scrollElement: HTMLDivElement | null;
  rowHeight: number;
  empty: ReactNode;
  onOpenRow?: (row: Row<TData>) => void;
}

/** Which row index a key moves to from `index`, or null for keys the grid leaves alone. */
function targetIndex(key: string, index: number, count: number, page: number): number | null {
  const last = count - 1;
  switch (key) {
    case "ArrowDown":
      return Math.min(index + 1, last);
    case "ArrowUp":
      return Math.max(index - 1, 0);
    case "PageDown":
      return Math.min(index + page, last);
    case "PageUp":
      return Math.max(index - page, 0);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}

/**
 * The rows of a DataTable. The virtualizer lives here, the lowest component, so scrolling
 * re-renders rows only. One row takes Tab focus, and only its controls follow it in the Tab
 * order; arrows move it, Space selects (Shift+Space a range), Enter opens.
 */
export function DataTableVirtualBody<TData>({
  table,
  scrollElement,
  rowHeight,
  empty,
  onOpenRow,
}: DataTableVirtualBodyProps<TData>) {
  const { rows } = table.getRowModel();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);
  // The React Compiler is not enabled; nothing here relies on its memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => rowHeight,
    overscan: 3,
    // Rows render in their own task, not inside the scroll event's frame: a screenful of new rows and
    // the style, layout and paint they need no longer add up to one long task (traced: longest 40 -> 36 ms).
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const activeIndex = Math.min(active, rows.length - 1);
  // The active row may be scrolled out of the DOM; then the first rendered row takes Tab focus.
  const tabbable = items.some((item) => item.index === activeIndex) ? activeIndex : items[0]?.index;

  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(
      `[data-row-index="${pendingFocus.current}"]`,
    );
    if (!row) return;
    row.focus({ preventScroll: true });
    pendingFocus.current = null;
  });

  if (rows.length === 0) {
    return (
      <tbody className="grid">
        <tr className="flex">
          <td
            colSpan={table.getVisibleLeafColumns().length}
            className="flex-1 px-3 py-16 text-center text-zinc-500 dark:text-zinc-400"
          >
            {empty}
          </td>
        </tr>
      </tbody>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const rowElement = (event.target as HTMLElement).closest<HTMLElement>("[data-row-index]");
    if (!rowElement) return;
    const index = Number(rowElement.dataset.rowIndex);
    const row = rows[index];
    if (!row) return;
    const onRow = event.target === rowElement;
    if (onRow && event.key === " " && row.getCanSelect()) {
      event.preventDefault();
      setRowSelected(table, row, !row.getIsSelected(), event.shiftKey);
      return;
    }
    if (onRow && event.key === "Enter" && onOpenRow) {
      event.preventDefault();
      onOpenRow(row);
      return;
    }
    const page = Math.max(1, Math.floor((scrollElement?.clientHeight ?? 0) / rowHeight) - 1);
    const next = targetIndex(event.key, index, rows.length, page);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

  const columns = table.getVisibleLeafColumns();
  return (
    // Rows flow after one padding, not each moved by its own transform: a new transform on every
    // rendered row at each scroll step made Chromium's style recalculation slower step after step.
    <tbody
      ref={bodyRef}
      onKeyDown={onKeyDown}
      className="grid content-start"
      style={{ height: virtualizer.getTotalSize(), paddingTop: items[0]?.start ?? 0 }}
    >
      {items.map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <DataTableVirtualRow
            key={row.id}
            row={row}
            index={item.index}
            table={table}
            columns={columns}
            selected={row.getIsSelected()}
            tabbable={item.index === tabbable}
            height={rowHeight}
            onActive={setActive}
            onOpenRow={onOpenRow}
          />
        );
      })}
    </tbody>
  );
}
