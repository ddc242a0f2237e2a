"use client";

import type { Column } from "@tanstack/react-table";
import { cn } from "@/lib/utils";

const ARROWS = { asc: "↑", desc: "↓" } as const;

/** A header that sorts its column when pressed; the `th` around it carries `aria-sort`. */
export function DataTableColumnHeader<TData, TValue>({
  column,
  title,
  className,
}: {
  column: Column<TData, TValue>;
  title: string;
  className?: string;
}) {
  if (!column.getCanSort()) return <span className={className}>{title}</span>;
  const sorted = column.getIsSorted();
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      className={cn(
        "-mx-1.5 inline-flex items-center gap-1 rounded px-1.5 py-1 hover:bg-zinc-200/70 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:hover:bg-zinc-800",
        className,
      )}
    >
      {title}
      <span aria-hidden className={cn("w-3 text-xs", !sorted && "text-zinc-400")}>
        {sorted ? ARROWS[sorted] : "↕"}
      </span>
    </button>
  );
}
