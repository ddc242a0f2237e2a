import { describe, expect, it } from "vitest";
import type { FailingAssignment } from "@/lib/api/license-errors";
import type { ReprocessResult } from "@/lib/api/reprocess";
import { applyReprocessResult, type LicenseErrorsData, markResolved } from "./license-errors";

const failing = (error: string, productName: string): FailingAssignment => ({
  skuId: `sku-${productName}`,
  productName,
  skuPartNumber: null,
  groupId: "g1",
  groupName: "Group",
  error,
  state: "Error",
  lastUpdatedDateTime: null,
  explanation: { title: error, cause: "", fix: "", fixFirst: true },
  seats: null,
  causeLine: error,
  fixes: [],
});

const list: LicenseErrorsData = {
  plan: null,
  progress: null,
  done: null,
  rows: ["u1", "u2"].map((id) => ({
    id,
    displayName: id,
    userPrincipalName: `${id}@contoso.onmicrosoft.com`,
    usageLocation: null,
    accountEnabled: true,
    failing: [failing("CountViolation", "Power BI Pro"), failing("Other", "Office 365 E3")],
    resolved: false,
  })),
};

const result = (kind: ReprocessResult["outcome"]["kind"], remaining: FailingAssignment[]) =>
  ({
    userId: "u1",
    after: { usageLocation: "US" },
    outcome: { kind, message: "", remaining },
  }) as ReprocessResult;

describe("applyReprocessResult", () => {
  it("marks a resolved user resolved and keeps what was failing, touching no other row", () => {
    const next = applyReprocessResult(list, "u1", result("resolved", []));
    expect(next?.rows[0]).toMatchObject({ resolved: true, usageLocation: "US" });
    expect(next?.rows[0]?.failing).toHaveLength(2);
    expect(next?.rows[1]).toBe(list.rows[1]);
  });

  it("marks a user resolved when the reprocess changed nothing because nothing was failing any more", () => {
    const next = applyReprocessResult(list, "u1", result("unchanged", []));
    expect(next?.rows[0]).toMatchObject({ resolved: true, usageLocation: "US" });
  });

  it("shows only what still fails for a user still in error", () => {
    const remaining = [failing("Other", "Office 365 E3")];
    const next = applyReprocessResult(list, "u1", result("still_in_error", remaining));
    expect(next?.rows[0]).toMatchObject({ resolved: false, failing: remaining });
  });

  it("leaves the failing assignments alone when the reprocess timed out", () => {
    const next = applyReprocessResult(list, "u1", result("timed_out", []));
    expect(next?.rows[0]?.failing).toEqual(list.rows[0]?.failing);
    expect(next?.rows[0]?.resolved).toBe(false);
  });
});

describe("markResolved", () => {
  it("marks only the named users resolved and keeps the list when nothing changes", () => {
    const next = markResolved(list, new Set(["u2"]));
    expect(next?.rows.map((row) => row.resolved)).toEqual([false, true]);
    expect(next?.rows[0]).toBe(list.rows[0]);
    expect(markResolved(next, new Set(["u2"]))).toBe(next);
  });
});
