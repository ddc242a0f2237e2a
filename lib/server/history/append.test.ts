import { describe, expect, it } from "vitest";
import { DIALECTS, useTestDatabase } from "@/lib/server/db/testing/test-database";
import { recordHistory } from "./append";
import { GENESIS_HASH, hashRecord } from "./body";
import type { HistoryDraft } from "./draft";
import { readHistory } from "./read-history";

const TENANT = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";
const OTHER = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

const draft = (n: number, tenantId = TENANT): HistoryDraft => ({
  tenantId,
  action: "user.reprocessed",
  actor: { kind: "person", oid: "oid-adele", name: "Adele Vance" },
  target: { userId: `USER-${n}`, upn: `User${n}@Contoso.com`, displayName: `User ${n}` },
  graphMode: "delegated",
  outcome: "resolved",
  summary: `Reprocessed user ${n}`,
  terms: { skuIds: ["F8A1DB68-BE16-40ED-86D5-CB42CE701560"], codes: ["CountViolation"] },
  detail: { n },
});

describe.each(DIALECTS)("the history chain on %s", (dialect) => {
  const testDb = useTestDatabase(dialect);

  it("numbers a tenant's records without gaps, each hashed over the one before and its stored body", async () => {
    const { database } = testDb();
    await recordHistory(database, [draft(1), draft(2)], 1_000);
    await recordHistory(database, [draft(3)], 2_000);
    const records = (await readHistory(database, { tenantId: TENANT })).reverse();
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    const rows = await database.kysely
      .selectFrom("history_records")
      .select(["seq", "prev_hash", "hash", "body"])
      .orderBy("seq")
      .execute();
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      expect(row.hash).toBe(hashRecord(prev, row.body));
      prev = row.hash;
    }
    const head = await database.kysely.selectFrom("history_chains").selectAll().executeTakeFirst();
    expect(head).toMatchObject({ tenant_id: TENANT, head_seq: 3, head_hash: prev, head_at: 2_000 });
    expect(records[0]).toMatchObject({
      action: "user.reprocessed",
      actor: { kind: "person", oid: "oid-adele", name: "Adele Vance", ruleId: null },
      targetUserId: "user-1",
      outcome: "resolved",
      body: {
        seq: 1,
        at: 1_000,
        prevHash: GENESIS_HASH,
        target: { upn: "user1@contoso.com" },
        terms: { skuIds: ["f8a1db68-be16-40ed-86d5-cb42ce701560"], codes: ["CountViolation"] },
        detail: { n: 1 },
      },
    });
  });

  it("keeps one chain per tenant, and never dates a record before the one it follows", async () => {
    const { database } = testDb();
    await recordHistory(database, [draft(1), draft(1, OTHER)], 5_000);
    await recordHistory(database, [draft(2)], 4_000);
    const mine = await readHistory(database, { tenantId: TENANT });
    expect(mine.map((r) => [r.seq, r.at])).toEqual([
      [2, 5_000],
      [1, 5_000],
    ]);
    expect((await readHistory(database, { tenantId: OTHER })).map((r) => r.seq)).toEqual([1]);
  });

  it("files each record under its products and error codes", async () => {
    const { database } = testDb();
    await recordHistory(database, [draft(1)], 1);
    const terms = await database.kysely
      .selectFrom("history_terms")
      .selectAll()
      .orderBy("term")
      .execute();
    expect(terms).toEqual([
      { tenant_id: TENANT, term: "code:CountViolation", seq: 1 },
      { tenant_id: TENANT, term: "sku:f8a1db68-be16-40ed-86d5-cb42ce701560", seq: 1 },
    ]);
  });

  it("stays one gapless chain when two app instances append at the same time", async () => {
    const { database, openAnother } = testDb();
    const other = await openAnother();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordHistory(i % 2 ? other : database, [draft(i)], 10 + i),
      ),
    );
    const rows = await database.kysely
      .selectFrom("history_records")
      .select(["seq", "prev_hash", "hash", "body"])
      .orderBy("seq")
      .execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    let prev = GENESIS_HASH;
    for (const row of rows) {
      expect(row.hash).toBe(hashRecord(prev, row.body));
      prev = row.hash;
    }
  });
});
