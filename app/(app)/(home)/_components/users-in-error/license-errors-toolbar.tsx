"use client";

import type { Table } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { DataTableFacetedFilter } from "@/components/data-table/data-table-faceted-filter";
import { DataTableSearch } from "@/components/data-table/data-table-search";
import { DataTableViewOptions } from "@/components/data-table/data-table-view-options";
import { Button } from "@/components/ui/button";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";

interface LicenseErrorsToolbarProps {
  table: Table<LicenseErrorListRow>;
  /** Plain titles of the error codes, for the error filter's options. */
  errorTitles: Map<string, string>;
  refreshing: boolean;
  onRefresh: () => void;
  /** Actions on many users at once, beside Refresh (operators only). */
  bulkActions?: ReactNode;
}

/** Search, filters by error, product and group, column choice and a refresh from Graph. */
export function LicenseErrorsToolbar({
  table,
  errorTitles,
  refreshing,
  onRefresh,
  bulkActions,
}: LicenseErrorsToolbarProps) {
  const column = (id: string) => table.getColumn(id);
  const user = column("user");
  const error = column("error");
  const product = column("product");
  const group = column("group");
  const filtered = table.getState().columnFilters.length > 0;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {user && (
        <DataTableSearch column={user} label="Search users" placeholder="Search name or UPN…" />
      )}
      {error && (
        <DataTableFacetedFilter
          column={error}
          title="Error"
          formatValue={(code) => errorTitles.get(code) ?? code}
        />
      )}
      {product && <DataTableFacetedFilter column={product} title="Product" />}
      {group && <DataTableFacetedFilter column={group} title="Group" />}
      {filtered && (
        <Button variant="ghost" size="sm" onClick={() => table.resetColumnFilters()}>
          Reset filters
        </Button>
      )}
      <div className="ml-auto flex items-center gap-2">
        {bulkActions}
        <DataTableViewOptions table={table} />
        <Button variant="outline" size="sm" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? "Reading…" : "Refresh"}
        </Button>
      </div>
    </div>
  );
}
