import { describe, expect, it } from "vitest";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { usersWaitingForSeats } from "./users-waiting-for-seats";

/** Only the fields the count reads; the rest of a row does not matter here. */
const row = (resolved: boolean, failing: [error: string, skuId: string][]) =>
  ({
    resolved,
    failing: failing.map(([error, skuId]) => ({ error, skuId })),
  }) as unknown as LicenseErrorListRow;

describe("usersWaitingForSeats", () => {
  it("counts each unresolved user once per product they lack a seat of", () => {
    const waiting = usersWaitingForSeats([
      row(false, [
        ["CountViolation", "power-bi"],
        ["CountViolation", "power-bi"],
        ["CountViolation", "visio"],
      ]),
      row(false, [["CountViolation", "power-bi"]]),
      row(false, [["MutuallyExclusiveViolation", "e3"]]),
      row(true, [["CountViolation", "visio"]]),
    ]);
    expect(Object.fromEntries(waiting)).toEqual({ "power-bi": 2, visio: 1 });
  });
});
