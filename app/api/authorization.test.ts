import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMeResponseSchema } from "@/lib/api/me";
import {
  ADELE,
  ALEX,
  apiRequest,
  ISAIAH,
  LEE,
  MEGAN,
  segments,
  startTestEmulator,
  type TestEmulator,
} from "@/lib/server/testing/emulator";
import { GET as getMe } from "./me/route";
import { GET as getReclaimable } from "./seats/[skuId]/reclaimable/route";
import { GET as getSeats } from "./seats/route";

// Refusals live elsewhere: every route's 401 and 403 in route-inventory.test.ts, bad tokens in
// token-matrix.test.ts. This file holds what each role may do.

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

describe("roles", () => {
  it("tells each caller on /api/me what they may do and which Graph mode runs", async () => {
    const me = async (user: string) =>
      getMeResponseSchema.parse(
        await (await getMe(apiRequest("/api/me", await t.mint({ user })))).json(),
      );
    expect(await me(ADELE)).toMatchObject({
      canRead: true,
      canReprocess: true,
      graphMode: "delegated",
    });
    expect(await me(LEE)).toMatchObject({ canRead: true, canReprocess: true });
    // On behalf of Megan, Graph checks her own directory role, which she lacks.
    expect(await me(MEGAN)).toMatchObject({ canRead: true, canReprocess: false });
    expect(await me(ISAIAH)).toMatchObject({ canRead: true, canReprocess: false });
    expect(await me(ALEX)).toMatchObject({
      canRead: false,
      canReprocess: false,
      directoryRoles: [],
    });
  });

  it("lets a reader look at the seats", async () => {
    const res = await getSeats(apiRequest("/api/seats", await t.mint({ user: ISAIAH })));
    expect(res.status).toBe(200);
  });

  it("lets a reader look at the seats that could be reclaimed", async () => {
    const { skus } = await t.client.state();
    const skuId = skus.find((sku) => sku.skuPartNumber === "POWER_BI_PRO")!.skuId;
    const res = await getReclaimable(
      apiRequest(`/api/seats/${skuId}/reclaimable`, await t.mint({ user: ISAIAH })),
      segments({ skuId }),
    );
    expect(res.status).toBe(200);
  });
});
