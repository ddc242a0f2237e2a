import { describe, expect, it } from "vitest";
import { emptyListText, listFailureTitle } from "./list-status";

describe("what the list says when its read fails", () => {
  it("calls a failed read with rows on screen incomplete, with how many are shown", () => {
    expect(listFailureTitle({ pending: false, failed: true, rows: 37 })).toBe(
      "The list is incomplete: only the 37 users read before the failure are shown",
    );
    expect(listFailureTitle({ pending: false, failed: true, rows: 1 })).toContain(
      "the 1 user read",
    );
    expect(listFailureTitle({ pending: false, failed: true, rows: 0 })).toBe(
      "The list could not be read",
    );
  });

  it("never says nobody is in error when the read failed", () => {
    const failed = { pending: false, failed: true, rows: 0 };
    expect(emptyListText(failed, false)).toBe("The list could not be read; see the message above.");
    expect(emptyListText({ ...failed, failed: false }, false)).toBe("No user has a license error.");
    expect(emptyListText({ ...failed, failed: false }, true)).toBe(
      "No user matches these filters.",
    );
    expect(emptyListText({ ...failed, rows: 5 }, true)).toBe(
      "No user read so far matches these filters.",
    );
    expect(emptyListText({ pending: true, failed: false, rows: 0 }, false)).toBe(
      "Reading the tenant…",
    );
  });
});
