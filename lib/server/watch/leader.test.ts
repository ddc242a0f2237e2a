import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { releaseLease, takeLease } from "./leader";

describe.each(DIALECTS)("the watch's lease on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  const take = (holder: string, now: number) =>
    takeLease(testDb().database, { name: "watch", holder, leaseMs: 5_000, now });

  it("has one holder at a time, renewed by it, taken over with a new fence only once it expires", async () => {
    const first = await take("a", 0);
    expect(first).toEqual({ name: "watch", holder: "a", fence: 1 });
    expect(await take("b", 1_000)).toBeNull();
    expect(await take("a", 4_000)).toEqual(first);
    expect(await take("b", 8_000)).toBeNull();
    expect(await take("b", 9_001)).toEqual({ name: "watch", holder: "b", fence: 2 });
    expect(await take("a", 9_002)).toBeNull();
  });

  it("is free at once when its holder gives it up", async () => {
    const first = (await take("a", 0))!;
    await releaseLease(testDb().database, first);
    expect(await take("b", 1)).toEqual({ name: "watch", holder: "b", fence: 2 });
  });

  it("goes to exactly one of several instances asking at the same moment", async () => {
    const { openAnother } = testDb();
    const others = await Promise.all([openAnother(), openAnother()]);
    const results = await Promise.all(
      [testDb().database, ...others].map((db, i) =>
        takeLease(db, { name: "watch", holder: `i${i}`, leaseMs: 5_000, now: 100 }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
