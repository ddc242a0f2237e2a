"use client";

import {
  getCoreRowModel,
  getFacetedRowModel,
  getFacetedUniqueValues,
  getFilteredRowModel,
  type Row,
  type RowSelectionState,
  useReactTable,
  type VisibilityState,
} from "@tanstack/react-table";
import { useCallback, useEffect, useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { DataTableFooter } from "@/components/data-table/data-table-footer";
import { getFlatSortedRowModel } from "@/components/data-table/flat-sorted-row-model";
import { jobDescription } from "@/lib/api/job-description";
import type { JobItemView, JobSelection } from "@/lib/api/jobs";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { useLicenseErrors, useRefreshLicenseErrors } from "@/lib/client/use-license-errors";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { BulkReprocessMenu } from "./bulk-reprocess-menu";
import { ErrorCodeChips } from "./error-code-chips";
import { JobItemsContext } from "./job-row-status";
import { FixFilterBanner } from "./fix-filter-banner";
import { describeFilters, errorTitles, fixTexts, usersPerErrorCode } from "./license-error-values";
import { licenseErrorColumns } from "./license-errors-columns";
import { emptyListText, listFailureTitle } from "./list-status";
import { LicenseErrorsToolbar } from "./license-errors-toolbar";
import { ListProgress } from "./list-progress";
import { ReprocessDialog, type ReprocessRequest } from "./reprocess-dialog";
import type { ReprocessPermission } from "./reprocess-permission";
import { RowActionsProvider } from "./row-actions-context";
import { SelectionBar } from "./selection-bar";
import type { useListUrlState } from "../use-list-url-state";
import { UserDetailsPanel } from "./user-details/user-details-panel";

const NO_ROWS: LicenseErrorListRow[] = [];

interface LicenseErrorsViewProps {
  permission: ReprocessPermission;
  urlState: ReturnType<typeof useListUrlState>;
  /** Each user's item in the jobs followed live, for the row's status. */
  jobItems: Map<string, JobItemView>;
}

/** The grid of users in error: summary chips, toolbar, virtualized rows and the user's panel. */
export function LicenseErrorsView({ permission, urlState, jobItems }: LicenseErrorsViewProps) {
  const list = useLicenseErrors();
  const refresh = useRefreshLicenseErrors();
  const rows = list.data?.rows ?? NO_ROWS;
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>({ fix: false });
  const [request, setRequest] = useState<ReprocessRequest | null>(null);
  const { openUser, selectedUserId } = urlState;
  const openRow = useCallback(
    (row: Row<LicenseErrorListRow>) => openUser(row.original.id),
    [openUser],
  );
  const columns = useMemo(() => licenseErrorColumns(openRow), [openRow]);

  // The React Compiler is not enabled; nothing here relies on its memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => row.id,
    state: {
      sorting: urlState.sorting,
      columnFilters: urlState.columnFilters,
      rowSelection,
      columnVisibility,
    },
    onSortingChange: urlState.setSorting,
    onColumnFiltersChange: urlState.setColumnFilters,
    onRowSelectionChange: setRowSelection,
    onColumnVisibilityChange: setColumnVisibility,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getFlatSortedRowModel(),
    getFacetedRowModel: getFacetedRowModel(),
    getFacetedUniqueValues: getFacetedUniqueValues(),
  });

  const finished = list.data?.done != null;
  useEffect(() => {
    // Selection is by user id; ids that left the list (a new read) must not stay selected.
    if (!finished) return;
    const present = new Set(rows.map((row) => row.id));
    setRowSelection((old) => {
      const kept = Object.fromEntries(Object.entries(old).filter(([id]) => present.has(id)));
      return Object.keys(kept).length === Object.keys(old).length ? old : kept;
    });
  }, [rows, finished]);

  const { selectMatching, doneSelecting } = urlState;
  useEffect(() => {
    // The Seats tab sent the admin here to act on exactly the users one fix clears: select them once.
    if (!selectMatching || !finished) return;
    const ids = table.getFilteredRowModel().rows.map((row) => row.id);
    setRowSelection(Object.fromEntries(ids.map((id) => [id, true])));
    doneSelecting();
  }, [selectMatching, finished, table, doneSelecting]);

  const titles = useMemo(() => errorTitles(rows), [rows]);
  const fixes = useMemo(() => fixTexts(rows), [rows]);
  const counts = useMemo(() => usersPerErrorCode(rows), [rows]);
  const errorFilter = (table.getColumn("error")?.getFilterValue() as string[] | undefined) ?? [];
  const toggleCode = (code: string) => {
    const next = errorFilter.includes(code)
      ? errorFilter.filter((c) => c !== code)
      : [...errorFilter, code];
    table.getColumn("error")?.setFilterValue(next.length ? next : undefined);
  };
  const selectedRow = rows.find((row) => row.id === selectedUserId);
  const status = { pending: list.isPending, failed: list.isError, rows: rows.length };
  const askToReprocess = (selection: JobSelection, what: string) => setRequest({ selection, what });

  return (
    <RowActionsProvider permission={permission}>
      <section aria-labelledby="errors-heading" className="space-y-4">
        <div>
          <h1 id="errors-heading" className="text-2xl font-semibold tracking-tight">
            Users with license errors
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Group-based licenses that failed, across the tenant, with the reason and the fix.
          </p>
        </div>
        <ListProgress data={list.data} reading={list.fetchStatus === "fetching"} />
        {list.isError && <ActionErrorMessage error={list.error} what={listFailureTitle(status)} />}
        <ErrorCodeChips
          counts={counts}
          titles={titles}
          selected={errorFilter}
          onToggle={toggleCode}
        />
        <FixFilterBanner
          keys={(table.getColumn("fix")?.getFilterValue() as string[] | undefined) ?? []}
          texts={fixes}
          onClear={() => table.getColumn("fix")?.setFilterValue(undefined)}
        />
        <LicenseErrorsToolbar
          table={table}
          errorTitles={titles}
          refreshing={list.fetchStatus === "fetching"}
          onRefresh={refresh}
          bulkActions={
            permission.allowed && (
              <BulkReprocessMenu rows={rows} errorTitles={titles} onReprocess={askToReprocess} />
            )
          }
        />
        <SelectionBar
          table={table}
          filterText={describeFilters(urlState.columnFilters, { error: titles, fix: fixes })}
          permission={permission}
          onReprocess={(userIds, what) =>
            askToReprocess({ kind: "users", userIds, description: jobDescription(what) }, what)
          }
        />
        <JobItemsContext value={jobItems}>
          <DataTable
            table={table}
            label="Users with license errors"
            rowHeight={56}
            onOpenRow={openRow}
            empty={emptyListText(status, rows.length > 0)}
          />
        </JobItemsContext>
        <DataTableFooter table={table} noun="users" />
        <ReprocessDialog
          request={request}
          onClose={() => setRequest(null)}
          onCreated={() => table.resetRowSelection()}
        />
        <UserDetailsPanel
          userId={selectedUserId}
          row={selectedRow}
          listComplete={finished}
          permission={permission}
          onClose={() => openUser(null)}
        />
      </section>
    </RowActionsProvider>
  );
}
