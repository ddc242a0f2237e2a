import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { recordHistory } from "./append";
import type { HistoryDraft } from "./draft";
import { expireHistory } from "./expire-history";
import { readHistory } from "./read-history";
import { withoutHistoryGuards } from "./testing/without-history-guards";
import { verifyHistory } from "./verify-history";

const TENANT = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";
const DAY = 86_400_000;
const NOW = Date.parse("2026-12-06T00:00:00Z");

const draft = (n: number): HistoryDraft => ({
  tenantId: TENANT,
  action: "user.reprocessed",
  actor: { kind: "person", oid: "oid-adele", name: "Adele Vance" },
  target: { userId: `user-${n}`, upn: `user${n}@contoso.com`, displayName: `User ${n}` },
  outcome: "resolved",
  summary: `write ${n}`,
  terms: { skuIds: ["sku-1"], codes: ["CountViolation"] },
});

describe.each(DIALECTS)("history retention on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  /** Ten records, one every 30 days, the newest 30 days ago. */
  const tenOverTheYear = async () => {
    for (let i = 0; i < 10; i++)
      await recordHistory(testDb().database, [draft(i)], NOW - (10 - i) * 30 * DAY);
  };

  it("removes whole records older than the retention, oldest first, and records the removal; the chain still verifies", async () => {
    const { database } = testDb();
    await tenOverTheYear();
    expect(await expireHistory(database, { retentionDays: 100, now: NOW })).toEqual([
      { tenantId: TENANT, removed: 7 },
    ]);
    const records = (await readHistory(database, { tenantId: TENANT })).reverse();
    expect(records.map((r) => r.summary)).toEqual([
      "write 7",
      "write 8",
      "write 9",
      "Removed 7 records older than 100 days",
    ]);
    expect(records.at(-1)).toMatchObject({
      action: "history.expired",
      actor: { kind: "system" },
      body: { detail: { throughSeq: 7, removed: 7, retentionDays: 100, cutoff: NOW - 100 * DAY } },
    });
    const [report] = await verifyHistory(database);
    expect(report).toMatchObject({ records: 4, firstSeq: 8, problems: [] });
    // Nothing more is old enough: a second run removes nothing and records nothing.
    expect(await expireHistory(database, { retentionDays: 100, now: NOW })).toEqual([
      { tenantId: TENANT, removed: 0 },
    ]);
    expect(await readHistory(database, { tenantId: TENANT })).toHaveLength(4);
  });

  it("still refuses to delete a record the retention has not reached", async () => {
    const { database } = testDb();
    await tenOverTheYear();
    await expireHistory(database, { retentionDays: 100, now: NOW });
    await expect(
      database.kysely.deleteFrom("history_records").where("seq", "=", 9).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it("lets verify catch a start moved without an expiry record", async () => {
    const { database } = testDb();
    await tenOverTheYear();
    await withoutHistoryGuards(database, async () => {
      await sql`update history_chains set expired_through = 3`.execute(database.kysely);
      await sql`delete from history_records where seq <= 3`.execute(database.kysely);
    });
    const [report] = await verifyHistory(database);
    expect(report!.problems).toContain("seq 1–3: removed with no expiry record that covers them");
  });
});
