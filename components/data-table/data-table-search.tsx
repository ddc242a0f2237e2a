"use client";

import type { Column } from "@tanstack/react-table";
import { Input } from "@/components/ui/input";

/** A search box that filters one column; the column's filter function decides what matches. */
export function DataTableSearch<TData, TValue>({
  column,
  label,
  placeholder,
}: {
  column: Column<TData, TValue>;
  label: string;
  placeholder: string;
}) {
  return (
    <Input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={(column.getFilterValue() as string | undefined) ?? ""}
      onChange={(event) => column.setFilterValue(event.target.value || undefined)}
      className="h-8 w-full sm:w-64"
    />
  );
}
