import { describe, expect, it } from "vitest";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { summarizeFixes } from "./fix-summary";

const row = (id: string, fixKeys: string[][], resolved = false) =>
  ({
    id,
    resolved,
    failing: fixKeys.map((keys) => ({ fixes: keys.map((key) => ({ key, text: `do ${key}` })) })),
  }) as unknown as LicenseErrorListRow;

describe("summarizeFixes", () => {
  it("lists the fixes that act on many users, most users first, each user once", () => {
    const summary = summarizeFixes([
      row("a", [["seats:pbi"], ["seats:pbi"]]),
      row("b", [["seats:pbi"]]),
      row("c", [["group-plan:g:e3:x", "remove:c:direct:s"], ["location:c"]]),
      row("d", [["group-plan:g:e3:x"]]),
      row("e", [["seats:pbi"]], true),
    ]);
    expect(summary).toEqual([
      {
        key: "group-plan:g:e3:x",
        text: "do group-plan:g:e3:x",
        reach: "group",
        userIds: ["c", "d"],
        alsoFailingOtherwise: 1,
      },
      {
        key: "seats:pbi",
        text: "do seats:pbi",
        reach: "tenant",
        userIds: ["a", "b"],
        alsoFailingOtherwise: 0,
      },
    ]);
  });
});
