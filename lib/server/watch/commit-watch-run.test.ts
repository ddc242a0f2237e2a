import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { readHistory } from "@/lib/server/history/read-history";
import { commitWatchRun } from "./commit-watch-run";
import { type Lease, takeLease } from "./leader";
import type { Digest, SeenError } from "./payloads";

const TENANT = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";
const POWER_BI = "f8a1db68-be16-40ed-86d5-cb42ce701560";

const seen = (n: number, code = "CountViolation"): SeenError => ({
  userId: `user-${n}`,
  upn: `user${n}@contoso.com`,
  displayName: `User ${n}`,
  skuId: POWER_BI,
  productName: "Power BI Pro",
  source: "group-powerbi",
  groupName: "Power BI users",
  code,
  since: null,
});

describe.each(DIALECTS)("a watch run's commit on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);
  const lease = async (holder = "me", now = 1_000): Promise<Lease> =>
    (await takeLease(testDb().database, { name: "watch", holder, leaseMs: 10_000, now }))!;
  const commit = (l: Lease, now: number, observed: SeenError[]) =>
    commitWatchRun(testDb().database, l, {
      tenantId: TENANT,
      startedAt: now - 10,
      now,
      observed,
      publicUrl: "https://ld.example",
    });
  const webhook = async () =>
    testDb()
      .database.kysely.insertInto("webhooks")
      .values({
        id: "hook-1",
        tenant_id: TENANT,
        name: "Helpdesk",
        kind: "json",
        ciphertext: "sealed",
        target_hint: "https://hooks.example/…",
        created_by_oid: "oid",
        created_by_name: "Adele Vance",
        created_at: 1,
      })
      .execute();

  it("sets a baseline first, then records each error that appeared or cleared, and owes each webhook one digest", async () => {
    const { database } = testDb();
    await webhook();
    const l = await lease();
    expect(await commit(l, 2_000, [seen(1), seen(2)])).toMatchObject({
      baseline: true,
      appeared: [],
      cleared: [],
    });
    const second = await commit(l, 3_000, [seen(2), seen(3), seen(4), seen(5, "Other")]);
    expect(second).toMatchObject({ baseline: false });
    expect(second!.appeared.map((e) => e.userId)).toEqual(["user-3", "user-4", "user-5"]);
    expect(second!.cleared.map((e) => e.userId)).toEqual(["user-1"]);
    const actions = (await readHistory(database, { tenantId: TENANT }))
      .reverse()
      .map((r) => [r.action, r.targetUserId]);
    expect(actions).toEqual([
      ["watch.baseline", null],
      ["error.appeared", "user-3"],
      ["error.appeared", "user-4"],
      ["error.appeared", "user-5"],
      ["error.cleared", "user-1"],
    ]);
    const outbox = await database.kysely.selectFrom("notification_outbox").selectAll().execute();
    expect(outbox).toHaveLength(1);
    const digest = JSON.parse(outbox[0]!.payload) as Digest;
    expect(digest.appeared).toMatchObject({
      total: 3,
      byCode: [
        { name: "CountViolation", count: 2, url: "https://ld.example/?code=CountViolation" },
        { name: "Other", count: 1 },
      ],
      byProduct: [{ name: "Power BI Pro", count: 3 }],
      byGroup: [
        { name: "Power BI users", count: 3, url: "https://ld.example/?group=Power+BI+users" },
      ],
    });
    expect(digest.cleared.total).toBe(1);
    // The same observation again: nothing new, nothing recorded, nothing owed.
    expect(await commit(l, 4_000, [seen(2), seen(3), seen(4), seen(5, "Other")])).toMatchObject({
      appeared: [],
      cleared: [],
    });
    expect(
      await database.kysely.selectFrom("notification_outbox").selectAll().execute(),
    ).toHaveLength(1);
  });

  it("counts a changed error code as a new error", async () => {
    const l = await lease();
    await commit(l, 2_000, [seen(1)]);
    const changed = await commit(l, 3_000, [seen(1, "MutuallyExclusiveViolation")]);
    expect(changed!.appeared.map((e) => e.code)).toEqual(["MutuallyExclusiveViolation"]);
  });

  it("takes a new baseline once the watch is turned on again: what changed while it was off is not news", async () => {
    const { database } = testDb();
    await webhook();
    const l = await lease();
    await commit(l, 2_000, [seen(1)]);
    const again = await commitWatchRun(database, l, {
      tenantId: TENANT,
      startedAt: 5_000,
      now: 5_010,
      observed: [seen(1), seen(2), seen(3)],
      publicUrl: null,
      enabledSince: 4_000,
    });
    expect(again).toMatchObject({ baseline: true, appeared: [], cleared: [] });
    expect(await database.kysely.selectFrom("notification_outbox").selectAll().execute()).toEqual(
      [],
    );
    const known = await database.kysely
      .selectFrom("watch_errors")
      .select("user_id")
      .orderBy("user_id")
      .execute();
    expect(known.map((k) => k.user_id)).toEqual(["user-1", "user-2", "user-3"]);
    // The next run compares with all of them: the same errors are nothing new.
    const next = await commitWatchRun(database, l, {
      tenantId: TENANT,
      startedAt: 6_000,
      now: 6_010,
      observed: [seen(1), seen(2), seen(3)],
      publicUrl: null,
      enabledSince: 4_000,
    });
    expect(next).toMatchObject({ baseline: false, appeared: [], cleared: [] });
  });

  it("commits nothing for an instance whose lease another took meanwhile", async () => {
    const { database } = testDb();
    const mine = await lease("me", 1_000);
    await commit(mine, 2_000, [seen(1)]);
    // My lease runs out; another instance leads now.
    const theirs = await lease("them", 20_000);
    expect(theirs.fence).toBe(mine.fence + 1);
    expect(await commit(mine, 20_001, [seen(1), seen(2)])).toBeNull();
    expect((await readHistory(database, { tenantId: TENANT })).map((r) => r.action)).toEqual([
      "watch.baseline",
    ]);
  });
});
