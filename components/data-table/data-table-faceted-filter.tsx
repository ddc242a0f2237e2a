"use client";

import type { Column } from "@tanstack/react-table";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Popover } from "@/components/ui/popover";

/** Long option lists get a search box; short ones fit at a glance. */
const SEARCH_FROM = 8;

interface DataTableFacetedFilterProps<TData, TValue> {
  column: Column<TData, TValue>;
  title: string;
  /** How a value reads in the list; the value itself by default. */
  formatValue?: (value: string) => string;
}

/**
 * A multi-select filter on one column with a count beside each value. Counts follow the other
 * filters (TanStack's faceted model), so an option never promises rows that are not there.
 */
export function DataTableFacetedFilter<TData, TValue>({
  column,
  title,
  formatValue = (value) => value,
}: DataTableFacetedFilterProps<TData, TValue>) {
  const listId = useId();
  const [search, setSearch] = useState("");
  const counts = column.getFacetedUniqueValues();
  const selected = new Set((column.getFilterValue() as string[] | undefined) ?? []);
  const options = [...new Set([...counts.keys(), ...selected].map(String))]
    .map((value) => ({ value, label: formatValue(value), count: counts.get(value) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .filter((option) => option.label.toLowerCase().includes(search.trim().toLowerCase()));

  const toggle = (value: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(value);
    else next.delete(value);
    column.setFilterValue(next.size > 0 ? [...next] : undefined);
  };

  return (
    <Popover
      triggerLabel={`${title} filter${selected.size > 0 ? `, ${selected.size} selected` : ""}`}
      trigger={
        <>
          <span aria-hidden className="text-zinc-500">
            +
          </span>
          {title}
          {selected.size > 0 && <Badge variant="tenant">{selected.size}</Badge>}
        </>
      }
      className="w-72"
    >
      {counts.size >= SEARCH_FROM && (
        <Input
          aria-label={`Find a ${title.toLowerCase()}`}
          placeholder={`Find a ${title.toLowerCase()}…`}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="mb-1 h-8"
        />
      )}
      <ul id={listId} aria-label={title} className="max-h-72 overflow-y-auto py-1">
        {options.map((option) => (
          <li key={option.value}>
            <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
              <Checkbox
                checked={selected.has(option.value)}
                onCheckedChange={(on) => toggle(option.value, on)}
              />
              <span className="min-w-0 flex-1 truncate">{option.label}</span>
              <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {option.count}
              </span>
            </label>
          </li>
        ))}
        {options.length === 0 && (
          <li className="px-2 py-3 text-center text-sm text-zinc-500">No match.</li>
        )}
      </ul>
      {selected.size > 0 && (
        <button
          type="button"
          onClick={() => column.setFilterValue(undefined)}
          className="w-full rounded border-t border-zinc-200 px-2 py-1.5 text-center text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Clear {title.toLowerCase()} filter
        </button>
      )}
    </Popover>
  );
}
