import { describe, expect, it } from "vitest";
import type { GetReclaimableSeatsResponse, ReclaimableAccount } from "@/lib/api/seats";
import { formatDate } from "@/components/format/date-time";
import { heldThrough, reclaimableHeading, reclaimReason } from "./reclaimable-text";

const READ_AT = "2026-12-07T12:00:00Z";

const account = (
  reason: ReclaimableAccount["reason"],
  lastSignIn: string | null = null,
): ReclaimableAccount => ({
  id: `${reason}-${lastSignIn}`,
  displayName: "Dana",
  userPrincipalName: "dana@contoso.com",
  accountEnabled: reason !== "disabled",
  reason,
  lastSignIn,
  holds: [],
});

const list = (disabled: number, inactive: number | "unavailable"): GetReclaimableSeatsResponse => ({
  skuId: "sku",
  productName: "Power BI Pro",
  readAt: READ_AT,
  disabled: Array.from({ length: disabled }, () => account("disabled")),
  inactive:
    inactive === "unavailable"
      ? { status: "unavailable", missing: [{ permission: "AuditLog.Read.All", enables: "x" }] }
      : {
          status: "read",
          inactiveDays: 90,
          accounts: Array.from({ length: inactive }, () => account("neverSignedIn")),
        },
});

describe("reclaimableHeading", () => {
  it("counts disabled and inactive accounts", () => {
    expect(reclaimableHeading(list(3, 2))).toBe(
      "3 disabled accounts and 2 inactive accounts hold Power BI Pro",
    );
    expect(reclaimableHeading(list(1, 0))).toBe("1 disabled account holds Power BI Pro");
    expect(reclaimableHeading(list(0, 1))).toBe("1 inactive account holds Power BI Pro");
  });

  it("says when nobody could give a seat back, naming only what was read", () => {
    expect(reclaimableHeading(list(0, 0))).toBe(
      "No disabled or inactive accounts hold Power BI Pro",
    );
    expect(reclaimableHeading(list(0, "unavailable"))).toBe(
      "No disabled accounts hold Power BI Pro",
    );
    expect(reclaimableHeading(list(2, "unavailable"))).toBe(
      "2 disabled accounts hold Power BI Pro",
    );
  });
});

describe("reclaimReason", () => {
  it("says how long ago the last sign-in was, and when", () => {
    const last = "2026-05-11T09:00:00Z";
    expect(reclaimReason(account("inactive", last), READ_AT)).toBe(
      `No sign-in for 210 days (${formatDate(last)})`,
    );
  });

  it("names a disabled account and one with no sign-in recorded", () => {
    expect(reclaimReason(account("disabled", "2026-01-01T00:00:00Z"), READ_AT)).toBe("Disabled");
    expect(reclaimReason(account("neverSignedIn"), READ_AT)).toBe("No sign-in recorded");
  });
});

describe("heldThrough", () => {
  it("names the group, says direct, or gives the id of a group it could not name", () => {
    expect(heldThrough({ groupId: "g1", groupName: "Report authors", since: null })).toBe(
      "Report authors",
    );
    expect(heldThrough({ groupId: null, groupName: null, since: null })).toBe("Direct");
    expect(heldThrough({ groupId: "g2", groupName: null, since: null })).toBe("Group g2");
  });
});
