import { describe, expect, it } from "vitest";
import type { SeatProduct } from "@/lib/api/seats";
import { seatAdvice } from "./seat-advice";

const product = (prepaid: number, consumed: number): SeatProduct => ({
  skuId: "sku",
  productName: "Power BI Pro",
  skuPartNumber: "POWER_BI_PRO",
  prepaid,
  consumed,
  available: prepaid - consumed,
  usersInError: 0,
  capabilityStatus: "Enabled",
});

describe("seatAdvice", () => {
  it("asks to buy or free as many seats as the waiting users lack", () => {
    expect(seatAdvice(product(40, 38), 5)).toMatchObject({ kind: "buy", rank: 0 });
    expect(seatAdvice(product(40, 38), 5).text).toContain("buy 3 more or free 3");
  });

  it("says to reprocess once enough seats are free", () => {
    expect(seatAdvice(product(50, 40), 5)).toMatchObject({ kind: "reprocess" });
  });

  it("flags more seats in use than bought even when nobody waits", () => {
    expect(seatAdvice(product(10, 12), 0)).toMatchObject({ kind: "over" });
    expect(seatAdvice(product(10, 9), 0)).toMatchObject({ kind: "none" });
  });
});
