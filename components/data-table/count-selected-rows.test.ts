import type { Row } from "@tanstack/react-table";
import { describe, expect, it } from "vitest";
import { countSelectedRows } from "./count-selected-rows";

const rows = ["a", "b", "c"].map((id) => ({ id }) as Row<unknown>);

describe("countSelectedRows", () => {
  it("counts the rows whose id is selected", () => {
    expect(countSelectedRows(rows, { a: true, c: true })).toBe(2);
  });

  it("leaves out ids that are not among the rows, e.g. hidden by a filter", () => {
    expect(countSelectedRows(rows.slice(0, 1), { a: true, c: true })).toBe(1);
  });

  it("does not count an id set to false", () => {
    expect(countSelectedRows(rows, { a: false })).toBe(0);
  });
});
