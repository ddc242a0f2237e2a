import { describe, expect, it } from "vitest";
import type { Database } from "../db/database";
import { DIALECTS, useTestDatabase } from "../db/testing/test-database";
import { runInChildProcess } from "./testing/child-worker";
import { type WriteBudgetOptions, writeBudget } from "./write-budget";

// 100 writes per 10 s with a reserve of 10: 10 writes a second, round numbers for the arithmetic.
const SMALL: WriteBudgetOptions = {
  appId: "app",
  tenantId: "tenant",
  capacity: 100,
  windowMs: 10_000,
  interactiveReserve: 10,
};

describe.each(DIALECTS)("write budget on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  const budget = (options: Partial<WriteBudgetOptions> = {}, database?: Database) =>
    writeBudget(database ?? testDb().database, { ...SMALL, ...options });

  it("starts full and grants bulk writes up to the capacity less the interactive reserve", async () => {
    const writes = budget();
    expect(await writes.acquire(60, 0)).toEqual({ granted: 60, waitMs: 0 });
    expect(await writes.acquire(60, 0)).toEqual({ granted: 30, waitMs: 0 });
    expect(await writes.acquire(1, 0)).toEqual({ granted: 0, waitMs: 100 });
  });

  it("refills at the capacity per window, never above the capacity", async () => {
    const writes = budget();
    await writes.acquire(90, 0);
    expect(await writes.acquire(50, 2_500)).toEqual({ granted: 25, waitMs: 0 });
    expect(await writes.acquire(500, 1_000_000)).toEqual({ granted: 90, waitMs: 0 });
  });

  it("says how long until the minimum asked for is there", async () => {
    const writes = budget();
    await writes.acquire(90, 0);
    expect(await writes.acquire(20, 0, { minimum: 20 })).toEqual({ granted: 0, waitMs: 2_000 });
    expect(await writes.acquire(20, 1_000, { minimum: 20 })).toEqual({ granted: 0, waitMs: 1_000 });
    expect(await writes.acquire(20, 2_000, { minimum: 20 })).toEqual({ granted: 20, waitMs: 0 });
  });

  it("keeps a reserve that single-user reprocesses may use when bulk jobs may not", async () => {
    const writes = budget();
    await writes.acquire(100, 0);
    expect((await writes.acquire(1, 0)).granted).toBe(0);
    expect(await writes.acquire(1, 0, { priority: "interactive" })).toEqual({
      granted: 1,
      waitMs: 0,
    });
    expect(await writes.acquire(20, 0, { priority: "interactive" })).toEqual({
      granted: 9,
      waitMs: 0,
    });
    expect(await writes.acquire(1, 0, { priority: "interactive" })).toEqual({
      granted: 0,
      waitMs: 100,
    });
  });

  it("after a 429, grants nothing to anyone until Retry-After has passed, then refills from empty", async () => {
    const writes = budget();
    await writes.blockUntil(5_000);
    expect(await writes.acquire(1, 1_000)).toEqual({ granted: 0, waitMs: 4_000 });
    expect(await writes.acquire(1, 1_000, { priority: "interactive" })).toEqual({
      granted: 0,
      waitMs: 4_000,
    });
    expect(await writes.acquire(1, 5_000, { priority: "interactive" })).toEqual({
      granted: 0,
      waitMs: 100,
    });
    expect(await writes.acquire(50, 7_000)).toEqual({ granted: 10, waitMs: 0 });
  });

  it("keeps the later of two blocks", async () => {
    const writes = budget();
    await writes.blockUntil(5_000);
    await writes.blockUntil(3_000);
    expect(await writes.acquire(1, 4_000)).toEqual({ granted: 0, waitMs: 1_000 });
  });

  it("is one budget per app and tenant, shared by every handle on the database", async () => {
    const { openAnother } = testDb();
    const other = await openAnother();
    await budget().acquire(90, 0);
    expect((await budget({}, other).acquire(90, 0)).granted).toBe(0);
    expect((await budget({ tenantId: "other" }, other).acquire(90, 0)).granted).toBe(90);
    expect((await budget({ appId: "other" }, other).acquire(90, 0)).granted).toBe(90);
  });

  it("scales its window in time, as the emulator does", async () => {
    const writes = budget({ timeScale: 100 });
    await writes.acquire(90, 0);
    expect(await writes.acquire(10, 100)).toEqual({ granted: 10, waitMs: 0 });
  });

  it("estimates how long bulk writes take at its pace", async () => {
    const writes = budget();
    expect(await writes.estimateMs(90, 0)).toBe(0);
    expect(await writes.estimateMs(190, 0)).toBe(10_000);
    await writes.acquire(90, 0);
    await writes.blockUntil(3_000);
    expect(await writes.estimateMs(20, 1_000)).toBe(2_000 + 3_000);
  });

  it("never grants more than the budget to handles acquiring at the same time", async () => {
    const { openAnother } = testDb();
    const budgets = [budget(), budget({}, await openAnother()), budget({}, await openAnother())];
    const grab = async (writes: ReturnType<typeof budget>, now: number) => {
      let total = 0;
      for (;;) {
        const { granted } = await writes.acquire(3, now);
        if (granted === 0) return total;
        total += granted;
      }
    };
    const atStart = await Promise.all(budgets.map((writes) => grab(writes, 0)));
    expect(atStart.reduce((a, b) => a + b)).toBe(90);
    const later = await Promise.all(budgets.map((writes) => grab(writes, 2_000)));
    expect(later.reduce((a, b) => a + b)).toBe(20);
  });

  it("never grants more than the budget to processes acquiring at the same time", async () => {
    const { options } = testDb();
    const startAt = Date.now() + 2_500;
    const granted = await Promise.all(
      [1, 2].map(() =>
        runInChildProcess({ kind: "acquire", options, budget: SMALL, batch: 1, now: 0, startAt }),
      ),
    );
    expect(granted[0]! + granted[1]!).toBe(90);
  });

  it("drops to what Graph says it has left (x-ms-throttle-limit-percentage), plus the refill since", async () => {
    const writes = budget();
    await writes.observeUsage(0.85, 0, 0);
    expect(await writes.acquire(20, 0)).toEqual({ granted: 5, waitMs: 0 });
    await writes.observeUsage(0.9, 0, 1_000);
    expect(await writes.acquire(20, 1_000)).toEqual({ granted: 10, waitMs: 0 });
  });

  it("never rises on a usage header that shows more room than it has", async () => {
    const writes = budget();
    await writes.acquire(80, 0);
    await writes.observeUsage(0.1, 0, 0);
    expect(await writes.acquire(20, 0)).toEqual({ granted: 10, waitMs: 0 });
  });
});
