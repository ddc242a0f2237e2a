import type { Row } from "@tanstack/react-table";
import { describe, expect, it } from "vitest";
import { naturalSortKey, sortByText } from "./sort-by-text";

const sorted = (names: string[]) =>
  names
    .map((name) => ({ getValue: () => name }) as unknown as Row<string>)
    .sort((a, b) => sortByText(a, b, "user"))
    .map((row) => row.getValue<string>("user"));

describe("sortByText", () => {
  it("puts numbers inside text in the order of their value", () => {
    expect(sorted(["User 10", "User 2", "User 1"])).toEqual(["User 1", "User 2", "User 10"]);
  });

  it("ignores case and accents, as a person reading the list does", () => {
    expect(sorted(["zoë", "Émile", "adele", "Bruno"])).toEqual(["adele", "Bruno", "Émile", "zoë"]);
  });

  it("puts an empty value first", () => {
    expect(sorted(["US", "", "DE"])).toEqual(["", "DE", "US"]);
  });
});

describe("naturalSortKey", () => {
  it("gives names that differ only in case or accents the same key", () => {
    expect(naturalSortKey("Émile Zoë")).toBe(naturalSortKey("emile zoe"));
  });
});
