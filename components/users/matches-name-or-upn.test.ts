import type { Row } from "@tanstack/react-table";
import { describe, expect, it } from "vitest";
import { matchesNameOrUpn } from "./matches-name-or-upn";

const adele = { displayName: "Adele Vance", userPrincipalName: "adele.vance@contoso.com" };
const rowOf = (user: typeof adele) => ({ original: user }) as Row<typeof adele>;

/** The filter as TanStack applies it: the search resolved once, then tested on a row. */
const matches = (user: typeof adele, search: string) =>
  matchesNameOrUpn(rowOf(user), "user", matchesNameOrUpn.resolveFilterValue(search));

describe("matchesNameOrUpn", () => {
  it("finds the search in the name or the userPrincipalName, whatever the case", () => {
    expect(matches(adele, "VANCE")).toBe(true);
    expect(matches(adele, "e.van")).toBe(true);
    expect(matches(adele, "contoso")).toBe(true);
    expect(matches(adele, "megan")).toBe(false);
  });

  it("ignores spaces around the search and keeps every row for a blank one", () => {
    expect(matches(adele, "  adele ")).toBe(true);
    expect(matches(adele, "   ")).toBe(true);
  });

  it("never matches text that runs from the end of the name into the userPrincipalName", () => {
    expect(matches(adele, "vance adele")).toBe(false);
    expect(matches(adele, "vanceadele")).toBe(false);
  });

  it("follows a renamed user, whose row is a new object", () => {
    expect(matches(adele, "adele")).toBe(true);
    expect(matches({ ...adele, displayName: "Adele Smith" }, "smith")).toBe(true);
  });
});
