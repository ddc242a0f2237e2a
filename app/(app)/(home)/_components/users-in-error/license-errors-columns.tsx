"use client";

import type { ColumnDef, FilterFn, Row } from "@tanstack/react-table";
import { DataTableColumnHeader } from "@/components/data-table/data-table-column-header";
import { selectColumn } from "@/components/data-table/data-table-select-column";
import { sortByText } from "@/components/data-table/sort-by-text";
import { formatDate, formatDateTime } from "@/components/format/date-time";
import { matchesNameOrUpn } from "@/components/users/matches-name-or-upn";
import { UserNameCell } from "@/components/users/user-name-cell";
import { countryLabel } from "@/lib/client/countries";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { RowState } from "./job-row-status";
import { ErrorBadge } from "./license-badges";
import { lastUpdated, rowValues } from "./license-error-values";
import { ReprocessButton } from "./reprocess-button";

type Column = ColumnDef<LicenseErrorListRow>;

/** Rows with any of the chosen values (a user failing two products matches either). */
const includesAny: FilterFn<LicenseErrorListRow> = (row, columnId, chosen: string[]) =>
  row.getUniqueValues<string>(columnId).some((value) => chosen.includes(value));

/** The first value of a multi-valued cell, and how many more there are. */
function FirstAndMore({ values }: { values: string[] }) {
  const [first, ...rest] = values;
  return (
    <span className="flex min-w-0 items-center gap-1.5" title={values.join(", ")}>
      <span className="truncate">{first}</span>
      {rest.length > 0 && (
        <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">+{rest.length}</span>
      )}
    </span>
  );
}

/** A faceted, filterable column over one of the row's multi-valued fields. */
function facetColumn(
  id: keyof typeof rowValues,
  title: string,
  size: number,
  cell: Column["cell"] = ({ row }) => <FirstAndMore values={rowValues[id](row.original)} />,
): Column {
  return {
    id,
    accessorFn: (row) => rowValues[id](row)[0] ?? "",
    getUniqueValues: rowValues[id],
    filterFn: includesAny,
    sortingFn: sortByText,
    size,
    meta: { label: title },
    header: ({ column }) => <DataTableColumnHeader column={column} title={title} />,
    cell,
  };
}

/** The grid's columns; a row's Reprocess also opens the row, where the result shows. */
export function licenseErrorColumns(openUser: (row: Row<LicenseErrorListRow>) => void): Column[] {
  return [
    selectColumn((row) => row.displayName),
    {
      id: "user",
      accessorFn: (row) => row.displayName,
      filterFn: matchesNameOrUpn,
      sortingFn: sortByText,
      size: 200,
      enableHiding: false,
      meta: { label: "User" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="User" />,
      cell: ({ row }) => (
        <UserNameCell
          displayName={row.original.displayName}
          userPrincipalName={row.original.userPrincipalName}
        />
      ),
    },
    facetColumn("product", "Product", 160),
    facetColumn("group", "Group", 160),
    facetColumn("error", "Error", 200, ({ row }) => {
      const [first, ...rest] = row.original.failing;
      return first ? (
        <span className="flex min-w-0 items-center gap-1.5">
          <ErrorBadge failing={first} />
          {rest.length > 0 && <span className="text-xs text-zinc-500">+{rest.length}</span>}
        </span>
      ) : null;
    }),
    {
      id: "cause",
      accessorFn: (row) => row.failing[0]?.causeLine ?? "",
      sortingFn: sortByText,
      size: 280,
      meta: { label: "Cause" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Cause" />,
      cell: ({ row }) => <FirstAndMore values={row.original.failing.map((f) => f.causeLine)} />,
    },
    facetColumn("state", "State", 140, ({ row }) => <RowState row={row.original} />),
    // Never shown: it filters the grid to the users one fix would clear (the Seats tab's buttons).
    { ...facetColumn("fix", "Fix", 0), enableHiding: false, enableSorting: false },
    {
      id: "updated",
      accessorFn: lastUpdated,
      // ISO date-times sort as plain strings.
      sortingFn: "basic",
      sortDescFirst: true,
      size: 110,
      meta: { label: "Last updated" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Last updated" />,
      cell: ({ getValue }) => {
        const at = getValue<string>() || null;
        return (
          <span
            title={formatDateTime(at)}
            className="text-zinc-600 tabular-nums dark:text-zinc-300"
          >
            {formatDate(at)}
          </span>
        );
      },
    },
    {
      id: "location",
      accessorFn: (row) => row.usageLocation ?? "",
      sortingFn: sortByText,
      size: 80,
      meta: { label: "Usage location" },
      header: ({ column }) => <DataTableColumnHeader column={column} title="Location" />,
      cell: ({ row }) =>
        row.original.usageLocation ? (
          <span title={countryLabel(row.original.usageLocation)}>{row.original.usageLocation}</span>
        ) : (
          <span className="text-amber-700 dark:text-amber-400">Not set</span>
        ),
    },
    {
      id: "actions",
      size: 120,
      enableSorting: false,
      enableHiding: false,
      meta: { label: "Actions", cellClassName: "text-right" },
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <ReprocessButton
          userId={row.original.id}
          displayName={row.original.displayName}
          onStart={() => openUser(row)}
        />
      ),
    },
  ];
}
