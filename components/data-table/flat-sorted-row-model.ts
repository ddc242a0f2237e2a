import { getMemoOptions, memo, type RowModel, type Table } from "@tanstack/react-table";

/**
 * TanStack's sorted row model for tables without sub-rows: the same order (sorting functions,
 * descending, ties kept in list order) without copying every row object first, which for 10,000
 * rows cost more than the sort itself. Rows keep their identity, so memoized rows can skip work.
 * `sortUndefined` and `invertSorting` are not supported.
 */
export function getFlatSortedRowModel<TData>(): (table: Table<TData>) => () => RowModel<TData> {
  return (table) =>
    memo(
      () => [table.getState().sorting, table.getPreSortedRowModel()],
      (sorting, model) => {
        const entries = sorting.flatMap(({ id, desc }) => {
          const column = table.getColumn(id);
          return column?.getCanSort()
            ? [{ id, sign: desc ? -1 : 1, by: column.getSortingFn() }]
            : [];
        });
        if (model.rows.length === 0 || entries.length === 0) return model;
        const rows = model.rows.toSorted((a, b) => {
          for (const { id, sign, by } of entries) {
            const order = by(a, b, id);
            if (order !== 0) return order * sign;
          }
          return a.index - b.index;
        });
        return { rows, flatRows: rows, rowsById: model.rowsById };
      },
      getMemoOptions(table.options, "debugTable", "getSortedRowModel", () =>
        table._autoResetPageIndex(),
      ),
    );
}
