import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { readHistory } from "@/lib/server/history/read-history";
import { hashRecord, GENESIS_HASH } from "@/lib/server/history/body";
import { openDatabase } from "../open";
import { createEmptyDatabase, DIALECTS } from "../testing/test-database";

const TENANT = "5f3b7c1e-2a4d-4e8f-9b6a-1c2d3e4f5a6b";

describe.each(DIALECTS)("migration 0005_history on %s", (dialect) => {
  it("makes the job audit trail the first records of each tenant's chain, in order, then drops it", async () => {
    const empty = await createEmptyDatabase(dialect);
    try {
      const old = await openDatabase(empty.options, { migrate: "0004_job_changes" });
      const audit = [
        [1_000, "oid-adele", "Adele Vance", "job.created", '{"users":3}'],
        [2_000, "licensedesk", "Licensedesk", "job.paused", '{"reason":"sign_in_required"}'],
        [3_000, "oid-adele", "Adele Vance", "job.resumed", null],
      ] as const;
      for (const [at, oid, name, action, detail] of audit) {
        await sql`insert into audit_events (at, tenant_id, actor_oid, actor_name, action, target_type, target_id, detail)
                  values (${at}, ${TENANT}, ${oid}, ${name}, ${action}, 'job', 'job-1', ${detail})`.execute(
          old.kysely,
        );
      }
      await old.kysely.destroy();

      const database = await openDatabase(empty.options);
      const records = (await readHistory(database, { tenantId: TENANT })).reverse();
      expect(
        records.map((r) => [r.seq, r.at, r.action, r.actor.kind, r.actor.name, r.jobId]),
      ).toEqual([
        [1, 1_000, "job.created", "person", "Adele Vance", "job-1"],
        [2, 2_000, "job.paused", "system", "Licensedesk", "job-1"],
        [3, 3_000, "job.resumed", "person", "Adele Vance", "job-1"],
      ]);
      expect(records[1]!.body.detail).toEqual({
        imported: { auditId: 2, at: 2_000, detail: { reason: "sign_in_required" } },
      });
      const rows = await database.kysely
        .selectFrom("history_records")
        .select(["prev_hash", "hash", "body"])
        .orderBy("seq")
        .execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        expect(row.hash).toBe(hashRecord(prev, row.body));
        prev = row.hash;
      }
      const tables = await database.kysely.introspection.getTables();
      expect(tables.map((t) => t.name)).not.toContain("audit_events");
      await database.kysely.destroy();
    } finally {
      await empty.remove();
    }
  });
});
