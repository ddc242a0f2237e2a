"use client";

import type { Column } from "@tanstack/react-table";
import { startTransition, useOptimistic } from "react";
import { Input } from "@/components/ui/input";

/**
 * A search box that filters one column; the column's filter function decides what matches. The box
 * shows each key at once while the rows filter in a transition: a filter kept in the URL lands late,
 * and a box that waited for it would drop the keys typed meanwhile.
 */
export function DataTableSearch<TData, TValue>({
  column,
  label,
  placeholder,
}: {
  column: Column<TData, TValue>;
  label: string;
  placeholder: string;
}) {
  const [text, setText] = useOptimistic((column.getFilterValue() as string | undefined) ?? "");
  return (
    <Input
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        startTransition(() => {
          setText(next);
          column.setFilterValue(next || undefined);
        });
      }}
      className="h-8 w-full sm:w-64"
    />
  );
}
