import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSeatsResponseSchema } from "@/lib/api/seats";
import { apiRequest, startTestEmulator, type TestEmulator } from "@/lib/server/testing/emulator";
import { GET } from "./route";

interface EmulatorState {
  skus: {
    skuId: string;
    skuPartNumber: string;
    consumedUnits: number;
    prepaidUnits: { enabled: number };
  }[];
  usersInError: { id: string; failing: { skuId: string }[] }[];
}

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

describe("GET /api/seats", () => {
  it("lists every subscription with the emulator's seats and users in error", async () => {
    const res = await GET(apiRequest("/api/seats", await t.mint()));
    expect(res.status).toBe(200);
    const { products } = getSeatsResponseSchema.parse(await res.json());
    const state = await t.control<EmulatorState>("GET", "/_emulator/state");

    expect(products.map((p) => p.skuId).sort()).toEqual(state.skus.map((s) => s.skuId).sort());
    for (const sku of state.skus) {
      const inError = state.usersInError.filter((u) =>
        u.failing.some((f) => f.skuId === sku.skuId),
      ).length;
      expect(products.find((p) => p.skuId === sku.skuId)).toMatchObject({
        skuPartNumber: sku.skuPartNumber,
        prepaid: sku.prepaidUnits.enabled,
        consumed: sku.consumedUnits,
        available: sku.prepaidUnits.enabled - sku.consumedUnits,
        usersInError: inError,
      });
    }
    expect(products.find((p) => p.skuPartNumber === "POWER_BI_PRO")).toMatchObject({
      productName: "Power BI Pro",
      available: 0,
      usersInError: expect.any(Number),
    });
    // Most users in error first: where buying or freeing seats matters most.
    const counts = products.map((p) => p.usersInError);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});
