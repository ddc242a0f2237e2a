import type { RowData } from "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // Type parameters must match TanStack's declaration to merge with it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** The column's name in menus (view options, filters) when its header is not plain text. */
    label?: string;
    /** Extra classes for the column's cells, e.g. alignment. */
    cellClassName?: string;
  }
}
