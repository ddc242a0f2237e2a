import {
  type ColumnDef,
  createTable,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
} from "@tanstack/react-table";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getFlatSortedRowModel } from "./flat-sorted-row-model";
import { sortByText } from "./sort-by-text";

interface Person {
  name: string;
  age: number;
}

const columns: ColumnDef<Person>[] = [
  { id: "name", accessorFn: (p) => p.name, sortingFn: sortByText },
  { id: "age", accessorFn: (p) => p.age },
];

/** The names in the order a table with this sorted row model shows them. */
function order(
  data: Person[],
  sorting: SortingState,
  sortedRowModel: typeof getSortedRowModel<Person>,
): string[] {
  const table = createTable<Person>({
    data,
    columns,
    state: { sorting },
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: sortedRowModel(),
  });
  return table.getRowModel().rows.map((row) => `${row.original.name}/${row.original.age}`);
}

const people = fc.array(
  fc.record({
    name: fc.constantFrom("Ann", "ann", "Bo", "Émile", "User 2", "User 10", ""),
    age: fc.nat(5),
  }),
  { maxLength: 40 },
);
const sortings = fc.array(fc.record({ id: fc.constantFrom("name", "age"), desc: fc.boolean() }), {
  maxLength: 2,
});

describe("getFlatSortedRowModel", () => {
  it("orders flat rows exactly as TanStack's sorted row model does, ties and all", () => {
    fc.assert(
      fc.property(people, sortings, (data, sorting) => {
        expect(order(data, sorting, getFlatSortedRowModel)).toEqual(
          order(data, sorting, getSortedRowModel),
        );
      }),
    );
  });

  it("keeps each row object, so rows memoized on it are not rendered again", () => {
    const table = createTable<Person>({
      data: [
        { name: "Bo", age: 1 },
        { name: "Ann", age: 2 },
      ],
      columns,
      state: { sorting: [{ id: "name", desc: false }] },
      onStateChange: () => {},
      renderFallbackValue: null,
      getCoreRowModel: getCoreRowModel(),
      getSortedRowModel: getFlatSortedRowModel(),
    });
    const [first] = table.getRowModel().rows;
    expect(first).toBe(table.getCoreRowModel().rowsById["1"]);
  });
});
