"use client";

import type { Table } from "@tanstack/react-table";
import { Checkbox } from "@/components/ui/checkbox";
import { Popover } from "@/components/ui/popover";

/** Shows or hides the columns that may be hidden; each is named by its `meta.label`. */
export function DataTableViewOptions<TData>({ table }: { table: Table<TData> }) {
  const columns = table.getAllLeafColumns().filter((column) => column.getCanHide());
  return (
    <Popover trigger="Columns" triggerClassName="border-solid" className="w-52">
      <ul aria-label="Visible columns" className="py-1">
        {columns.map((column) => (
          <li key={column.id}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <Checkbox
                checked={column.getIsVisible()}
                onCheckedChange={(visible) => column.toggleVisibility(visible)}
              />
              {column.columnDef.meta?.label ?? column.id}
            </label>
          </li>
        ))}
      </ul>
    </Popover>
  );
}
