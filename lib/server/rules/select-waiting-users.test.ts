import { describe, expect, it } from "vitest";
import type { SeenError } from "../watch/payloads";
import { selectWaitingUsers } from "./select-waiting-users";

const POWER_BI = "f8a1db68-be16-40ed-86d5-cb42ce701560";

const error = (
  user: string,
  since: string | null,
  code = "CountViolation",
  skuId = POWER_BI,
): SeenError => ({
  userId: user,
  upn: `${user}@contoso.com`,
  displayName: user,
  skuId,
  productName: "Power BI Pro",
  source: "g",
  groupName: "Power BI users",
  code,
  since,
});

describe("selectWaitingUsers", () => {
  it("takes the users waiting longest for the product's seats, no more than are free, each once", () => {
    const picked = selectWaitingUsers(
      [
        error("c", "2026-11-03T08:00:00Z"),
        error("a", "2026-11-01T08:00:00Z"),
        error("b", "2026-11-02T08:00:00Z"),
        error("a", "2026-11-05T08:00:00Z"),
        error("d", "2026-10-01T08:00:00Z", "ProhibitedInUsageLocationViolation"),
        error("e", "2026-10-01T08:00:00Z", "CountViolation", "another-sku"),
      ],
      POWER_BI.toUpperCase(),
      2,
    );
    expect(picked.map((e) => e.userId)).toEqual(["a", "b"]);
  });

  it("orders users with the same time by id, and takes nobody when no seat is free", () => {
    const same = "2026-11-02T08:00:00Z";
    expect(
      selectWaitingUsers([error("z", same), error("m", same)], POWER_BI, 5).map((e) => e.userId),
    ).toEqual(["m", "z"]);
    expect(selectWaitingUsers([error("z", same)], POWER_BI, 0)).toEqual([]);
  });
});
