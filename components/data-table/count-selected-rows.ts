import type { Row, RowSelectionState } from "@tanstack/react-table";

/**
 * How many of `rows` are selected: one pass, and none at all when nothing is (TanStack's
 * `getIsSomePageRowsSelected` walks every row twice on each render of the header).
 */
export function countSelectedRows<TData>(
  rows: readonly Row<TData>[],
  selection: RowSelectionState,
): number {
  if (Object.keys(selection).length === 0) return 0;
  let count = 0;
  for (const row of rows) if (selection[row.id]) count += 1;
  return count;
}
