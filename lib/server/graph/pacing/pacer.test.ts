import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { runInChildProcess } from "@/lib/server/testing/child-process";
import type { GraphCost } from "./costs";
import { databasePacer, type PacerOptions, RequestTooLargeError } from "./pacer";
import type { TakeTask } from "./testing/take-process";

// 100 writes and 100 ResourceUnits per 10 s, reserves of 10: 10 a second, round numbers for the arithmetic.
const SMALL: PacerOptions = {
  appId: "app",
  tenantId: "tenant",
  writes: { capacity: 100, windowMs: 10_000 },
  resourceUnits: { capacity: 100, windowMs: 10_000 },
  interactiveReserve: { writes: 10, resourceUnits: 10 },
};

const writes = (n: number): GraphCost => ({ resourceUnits: 0, writes: n });
const reads = (n: number): GraphCost => ({ resourceUnits: n, writes: 0 });

describe.each(DIALECTS)("the Graph pacer on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  let now = 0;
  const pacer = (options: Partial<PacerOptions> = {}, database?: Database) =>
    databasePacer(database ?? testDb().database, { ...SMALL, clock: () => now, ...options });
  const at = (ms: number) => {
    now = ms;
  };

  it("starts full and admits bulk work up to the capacity less the interactive reserve", async () => {
    at(0);
    const p = pacer();
    expect(await p.tryTake(writes(60), "bulk")).toBe(0);
    expect(await p.tryTake(writes(30), "bulk")).toBe(0);
    expect(await p.tryTake(writes(1), "bulk")).toBe(100);
  });

  it("refills at the capacity per window and says how long until a request's whole cost is there", async () => {
    at(0);
    const p = pacer();
    await p.tryTake(writes(90), "bulk");
    expect(await p.tryTake(writes(20), "bulk")).toBe(2_000);
    at(1_000);
    expect(await p.tryTake(writes(20), "bulk")).toBe(1_000);
    at(2_000);
    expect(await p.tryTake(writes(20), "bulk")).toBe(0);
    at(1_000_000);
    expect(await p.tryTake(writes(90), "bulk")).toBe(0);
    expect(await p.tryTake(writes(1), "bulk")).toBe(100);
  });

  it("keeps a reserve that interactive calls may use when bulk work may not", async () => {
    at(0);
    const p = pacer();
    await p.tryTake(writes(90), "bulk");
    expect(await p.tryTake(writes(1), "bulk")).toBeGreaterThan(0);
    expect(await p.tryTake(writes(10), "interactive")).toBe(0);
    expect(await p.tryTake(writes(1), "interactive")).toBe(100);
  });

  it("refuses a request larger than bulk work's share of a small limit instead of taking part of it", async () => {
    at(0);
    // 30 writes leave bulk work 15 after the default reserve: a $batch of 20 writes can never be paced.
    const p = pacer({ writes: { capacity: 30, windowMs: 10_000 }, interactiveReserve: {} });
    await expect(p.tryTake(writes(20), "bulk")).rejects.toThrow(RequestTooLargeError);
    await expect(p.admit(writes(20), { priority: "bulk" })).rejects.toThrow(
      "can never fit the 15 that bulk work may use of this tenant's limit; raise GRAPH_WRITE_LIMIT",
    );
    // Nothing was taken: bulk work's whole share and the interactive reserve are still there.
    expect(await p.tryTake(writes(15), "bulk")).toBe(0);
    expect(await p.tryTake(writes(15), "interactive")).toBe(0);
    expect(await p.tryTake(writes(1), "interactive")).toBeGreaterThan(0);
  });

  it("takes a request's ResourceUnits and writes together or neither", async () => {
    at(0);
    const p = pacer();
    await p.tryTake(reads(90), "bulk");
    // The writes are there but the ResourceUnits are not: nothing is kept of either.
    expect(await p.tryTake({ resourceUnits: 20, writes: 20 }, "bulk")).toBe(2_000);
    expect(await p.tryTake(writes(90), "bulk")).toBe(0);
  });

  it("after a 429, admits nobody until Retry-After has passed, then refills from empty", async () => {
    at(1_000);
    const p = pacer();
    await p.throttled("writes", 4_000);
    expect(await p.tryTake(writes(1), "bulk")).toBe(4_000);
    expect(await p.tryTake(writes(1), "interactive")).toBe(4_000);
    expect(await p.tryTake(reads(50), "bulk")).toBe(0);
    at(5_000);
    expect(await p.tryTake(writes(1), "interactive")).toBe(100);
    at(7_000);
    expect(await p.tryTake(writes(10), "interactive")).toBe(0);
  });

  it("is one budget per app and tenant, shared by every handle on the database", async () => {
    at(0);
    const { openAnother } = testDb();
    const other = await openAnother();
    await pacer().tryTake(writes(90), "bulk");
    expect(await pacer({}, other).tryTake(writes(90), "bulk")).toBeGreaterThan(0);
    expect(await pacer({ tenantId: "other" }, other).tryTake(writes(90), "bulk")).toBe(0);
    expect(await pacer({ appId: "other" }, other).tryTake(writes(90), "bulk")).toBe(0);
  });

  it("scales its windows in time, as the emulator does", async () => {
    at(0);
    const p = pacer({ timeScale: 100 });
    await p.tryTake(writes(90), "bulk");
    at(100);
    expect(await p.tryTake(writes(90), "bulk")).toBe(0);
  });

  it("estimates how long bulk writes take at the write limit's pace, after a block", async () => {
    at(0);
    const p = pacer();
    expect(await p.estimateWritesMs(90)).toBe(0);
    expect(await p.estimateWritesMs(190)).toBe(10_000);
    await p.tryTake(writes(90), "bulk");
    at(1_000);
    await p.throttled("writes", 2_000);
    expect(await p.estimateWritesMs(20)).toBe(2_000 + 3_000);
  });

  it("never admits more than the budget to handles taking at the same time", async () => {
    at(0);
    const { openAnother } = testDb();
    const pacers = [pacer(), pacer({}, await openAnother()), pacer({}, await openAnother())];
    const grab = async (p: ReturnType<typeof pacer>) => {
      let total = 0;
      while ((await p.tryTake(writes(3), "bulk")) === 0) total += 3;
      return total;
    };
    const atStart = await Promise.all(pacers.map(grab));
    expect(atStart.reduce((a, b) => a + b)).toBe(90);
    at(2_100);
    const later = await Promise.all(pacers.map(grab));
    expect(later.reduce((a, b) => a + b)).toBe(21);
  });

  it("never admits more than the budget to processes taking at the same time", async () => {
    const { options } = testDb();
    const startAt = Date.now() + 2_500;
    const taken = await Promise.all(
      [1, 2].map(() =>
        runInChildProcess<number>(new URL("./testing/take-process.ts", import.meta.url), {
          options,
          pacer: SMALL,
          batch: 1,
          now: 0,
          startAt,
        } as TakeTask),
      ),
    );
    expect(taken[0]! + taken[1]!).toBe(90);
  });

  it("drops to what Graph says it has left (x-ms-throttle-limit-percentage), never rising on it", async () => {
    at(0);
    const p = pacer();
    await p.observeUsage("writes", 0.85);
    expect(await p.tryTake(writes(15), "interactive")).toBe(0);
    expect(await p.tryTake(writes(1), "interactive")).toBe(100);
    await p.observeUsage("writes", 0.1);
    expect(await p.tryTake(writes(1), "interactive")).toBe(100);
  });

  it("counts what Graph has left in whole tokens: 90% of 10 writes used leaves exactly 1 to take", async () => {
    at(0);
    const p = pacer({ writes: { capacity: 10, windowMs: 150_000 } });
    await p.observeUsage("writes", 0.9);
    expect(await p.tryTake(writes(2), "interactive")).toBeGreaterThan(0);
    expect(await p.tryTake(writes(1), "interactive")).toBe(0);
  });

  it("admits a waiting caller as soon as the budget allows, and answers a person throttled when it would take too long", async () => {
    const p = pacer({ clock: Date.now, timeScale: 100 });
    // Read before the take: the bucket refills from the take's own clock reading, not from its database round trip's end.
    const started = Date.now();
    await p.tryTake(writes(100), "interactive");
    await p.admit(writes(5), { priority: "bulk" });
    // 1 write a millisecond; a bulk caller needs its 5 above the reserve of 10, so 15 ms after the take.
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    await p.throttled("writes", 60_000);
    await expect(p.admit(writes(1), { priority: "interactive" })).rejects.toMatchObject({
      code: "throttled",
      details: { retryAfterSeconds: 60 },
    });
  });

  it("stops waiting when its signal aborts", async () => {
    const p = pacer({ clock: Date.now });
    await p.throttled("resourceUnits", 60_000);
    const controller = new AbortController();
    const waiting = p.admit(reads(1), { priority: "bulk", signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
  });
});
