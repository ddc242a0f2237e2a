"use client";

import type { Table } from "@tanstack/react-table";
import { countSelectedRows } from "@/components/data-table/count-selected-rows";
import { Button } from "@/components/ui/button";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { usersCount } from "@/components/format/users-count";
import { READ_ONLY_REASON_ID, type ReprocessPermission } from "./reprocess-permission";

interface SelectionBarProps {
  table: Table<LicenseErrorListRow>;
  /** The active filters in words, e.g. `error "Not enough licenses"`; empty without filters. */
  filterText: string;
  permission: ReprocessPermission;
  onReprocess: (userIds: string[], what: string) => void;
}

/**
 * While rows are selected: how many (and how many the filters hide), a way to take every row that
 * matches the filters, not only those scrolled into view, to clear, and to reprocess them all.
 */
export function SelectionBar({ table, filterText, permission, onReprocess }: SelectionBarProps) {
  const selection = table.getState().rowSelection;
  const selectedIds = Object.keys(selection).filter((id) => selection[id]);
  if (selectedIds.length === 0) return null;
  const matching = table.getFilteredRowModel().rows;
  const selectedMatching = countSelectedRows(matching, selection);
  const hidden = selectedIds.length - selectedMatching;
  const allMatching = hidden === 0 && selectedMatching === matching.length;
  const what =
    allMatching && filterText
      ? `All ${usersCount(matching.length)} matching ${filterText}`
      : `${usersCount(selectedIds.length)} picked in the grid`;
  return (
    <div
      role="region"
      aria-label="Selection"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sm dark:border-sky-900 dark:bg-sky-950/40"
    >
      <p aria-live="polite" className="font-medium">
        {selectedIds.length.toLocaleString()} selected
        {hidden > 0 && (
          <span className="font-normal text-zinc-700 dark:text-zinc-300">
            {" "}
            ({hidden.toLocaleString()} not shown by the filters)
          </span>
        )}
      </p>
      {selectedMatching < matching.length && (
        <Button variant="ghost" size="sm" onClick={() => table.toggleAllPageRowsSelected(true)}>
          {filterText
            ? `Select all ${matching.length.toLocaleString()} matching this filter`
            : `Select all ${matching.length.toLocaleString()} users`}
        </Button>
      )}
      <Button variant="ghost" size="sm" onClick={() => table.resetRowSelection()}>
        Clear
      </Button>
      <div className="ml-auto">
        {permission.allowed ? (
          <Button size="sm" onClick={() => onReprocess(selectedIds, what)}>
            Reprocess {usersCount(selectedIds.length)}
          </Button>
        ) : (
          <Button
            size="sm"
            aria-disabled="true"
            aria-describedby={READ_ONLY_REASON_ID}
            title={permission.reason}
            className="cursor-not-allowed opacity-50"
          >
            Reprocess {usersCount(selectedIds.length)}
          </Button>
        )}
      </div>
    </div>
  );
}
