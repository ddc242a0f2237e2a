import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { openDatabase } from "@/lib/server/db/open";
import { createEmptyDatabase, DIALECTS } from "@/lib/server/db/testing/test-database";
import { recordHistory } from "./append";
import type { HistoryDraft } from "./draft";

const TENANT = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";

const draft: HistoryDraft = {
  tenantId: TENANT,
  action: "job.created",
  actor: { kind: "person", oid: "oid-adele", name: "Adele Vance" },
  summary: "Bulk reprocess of 2 users",
  terms: { skuIds: ["sku-1"], codes: ["CountViolation"] },
};

/** A database opened (and migrated) as the app opens it: on PostgreSQL as its own role, no superuser. */
async function withAppDatabase(
  dialect: (typeof DIALECTS)[number],
  work: (db: Database) => Promise<void>,
) {
  const empty = await createEmptyDatabase(dialect, { asAppRole: true });
  const database = await openDatabase(empty.options);
  try {
    await work(database);
  } finally {
    await database.kysely.destroy();
    await empty.remove();
  }
}

const APPEND_ONLY = /append-only/;

describe.each(DIALECTS)("the history's guards on %s", (dialect) => {
  it("refuse the app's own role an UPDATE or DELETE of a record, or of its terms", async () => {
    await withAppDatabase(dialect, async (database) => {
      await recordHistory(database, [draft, draft], 1_000);
      const db = database.kysely;
      await expect(
        db.updateTable("history_records").set({ outcome: "resolved" }).execute(),
      ).rejects.toThrow(APPEND_ONLY);
      await expect(
        sql`update history_records set summary = 'edited' where seq = 1`.execute(db),
      ).rejects.toThrow(APPEND_ONLY);
      await expect(db.deleteFrom("history_records").where("seq", "=", 2).execute()).rejects.toThrow(
        APPEND_ONLY,
      );
      await expect(db.deleteFrom("history_terms").execute()).rejects.toThrow(APPEND_ONLY);
      await expect(
        db.updateTable("history_terms").set({ term: "code:Other" }).execute(),
      ).rejects.toThrow(APPEND_ONLY);
      if (dialect === "postgres") {
        await expect(sql`truncate history_records`.execute(db)).rejects.toThrow(APPEND_ONLY);
      }
      const rows = await db
        .selectFrom("history_records")
        .select(["seq", "summary"])
        .orderBy("seq")
        .execute();
      expect(rows).toEqual([
        { seq: 1, summary: "Bulk reprocess of 2 users" },
        { seq: 2, summary: "Bulk reprocess of 2 users" },
      ]);
    });
  });

  it("let a chain head move only forward, and never be deleted", async () => {
    await withAppDatabase(dialect, async (database) => {
      await recordHistory(database, [draft, draft], 1_000);
      const db = database.kysely;
      const back = /only move forward/;
      await expect(db.updateTable("history_chains").set({ head_seq: 1 }).execute()).rejects.toThrow(
        back,
      );
      await expect(db.deleteFrom("history_chains").execute()).rejects.toThrow(back);
      await recordHistory(database, [draft], 2_000);
      const head = await db
        .selectFrom("history_chains")
        .select("head_seq")
        .executeTakeFirstOrThrow();
      expect(head.head_seq).toBe(3);
    });
  });
});
