import { describe, expect, it } from "vitest";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { usersWaitingForSeats } from "./users-waiting-for-seats";

/** Only the fields the count reads; the rest of a row does not matter here. */
const row = (resolved: boolean, fixKeys: string[][]) =>
  ({
    resolved,
    failing: fixKeys.map((keys) => ({ fixes: keys.map((key) => ({ key, text: key })) })),
  }) as unknown as LicenseErrorListRow;

describe("usersWaitingForSeats", () => {
  it("counts each unresolved user once per product whose seats ran out, not per product of the failed group", () => {
    const waiting = usersWaitingForSeats([
      // A group with E3 and Power BI: both fail, for Power BI's seats.
      row(false, [["seats:power-bi"], ["seats:power-bi"], ["seats:visio"]]),
      row(false, [["seats:power-bi"]]),
      row(false, [["reprocess:allowed:a+b", "group-plan:g:e3:p"]]),
      row(true, [["seats:visio"]]),
    ]);
    expect(Object.fromEntries(waiting)).toEqual({ "power-bi": 2, visio: 1 });
  });
});
