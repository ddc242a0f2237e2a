import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "../db/testing/test-database";
import { readBudget, resourceUnitsForTenant } from "./read-budget";
import { writeBudget } from "./write-budget";

// 100 ResourceUnits per 10 s: 10 a second, round numbers for the arithmetic.
const SMALL = { appId: "app", tenantId: "tenant", capacity: 100, windowMs: 10_000 };

describe.each(DIALECTS)("read budget on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("grants a round of reads whole or says how long until it fits", async () => {
    const reads = readBudget(testDb().database, SMALL);
    expect(await reads.acquire(90, 0)).toEqual({ granted: 90, waitMs: 0 });
    expect(await reads.acquire(20, 0)).toEqual({ granted: 0, waitMs: 1_000 });
    expect(await reads.acquire(20, 1_000)).toEqual({ granted: 20, waitMs: 0 });
  });

  it("is its own bucket beside the write budget, shared by every handle on the database", async () => {
    const { database, openAnother } = testDb();
    await writeBudget(database, { ...SMALL, interactiveReserve: 0 }).acquire(100, 0);
    expect((await readBudget(database, SMALL).acquire(60, 0)).granted).toBe(60);
    expect((await readBudget(await openAnother(), SMALL).acquire(60, 0)).granted).toBe(0);
  });

  it("holds every reader until a throttled read's Retry-After", async () => {
    const reads = readBudget(testDb().database, SMALL);
    await reads.blockUntil(2_500.4);
    expect(await reads.acquire(1, 1_000)).toEqual({ granted: 0, waitMs: 1_501 });
  });
});

describe("ResourceUnits for a tenant", () => {
  it("follows Graph's tenant sizes: under 50 users, up to 500, above", () => {
    expect([49, 50, 500, 501].map(resourceUnitsForTenant)).toEqual([3500, 5000, 5000, 8000]);
  });
});
