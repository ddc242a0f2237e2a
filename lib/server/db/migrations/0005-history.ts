import "server-only";
import { type Kysely, sql } from "kysely";
import { appendHistory } from "../../history/append";
import type { HistoryDraft } from "../../history/draft";
import { createHistoryGuards } from "../../history/guards";
import type { DialectName } from "../database";
import type { Tables } from "../schema";

interface AuditRow {
  id: number;
  at: number;
  tenant_id: string;
  actor_oid: string;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  detail: string | null;
}

const IMPORTED_ACTIONS = new Set(["job.created", "job.paused", "job.resumed", "job.cancelled"]);

/** The history of every write, chained per tenant, replacing the job audit trail (imported, then dropped). */
export async function createHistory(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("history_records")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("seq", "bigint", (col) => col.notNull())
    .addColumn("at", "bigint", (col) => col.notNull())
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("actor_kind", "text", (col) => col.notNull())
    .addColumn("actor_oid", "text", (col) => col.notNull())
    .addColumn("actor_name", "text", (col) => col.notNull())
    .addColumn("rule_id", "text")
    .addColumn("target_user_id", "text")
    .addColumn("target_upn", "text")
    .addColumn("target_name", "text")
    .addColumn("graph_mode", "text")
    .addColumn("outcome", "text")
    .addColumn("job_id", "text")
    .addColumn("summary", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addColumn("prev_hash", "text", (col) => col.notNull())
    .addColumn("hash", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("history_records_pk", ["tenant_id", "seq"])
    .execute();
  await db.schema
    .createTable("history_terms")
    .addColumn("tenant_id", "text", (col) => col.notNull())
    .addColumn("term", "text", (col) => col.notNull())
    .addColumn("seq", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("history_terms_pk", ["tenant_id", "term", "seq"])
    .$call((t) => (dialect === "sqlite" ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  await db.schema
    .createTable("history_chains")
    .addColumn("tenant_id", "text", (col) => col.primaryKey())
    .addColumn("head_seq", "bigint", (col) => col.notNull())
    .addColumn("head_hash", "text", (col) => col.notNull())
    .addColumn("head_at", "bigint", (col) => col.notNull())
    .addColumn("expired_through", "bigint", (col) => col.notNull().defaultTo(0))
    .execute();
  // Each filter's index ends in `seq`, the order every page is read in.
  const indexes: [string, string[]][] = [
    ["history_records_at", ["tenant_id", "at"]],
    ["history_records_actor", ["tenant_id", "actor_oid", "seq"]],
    ["history_records_user", ["tenant_id", "target_user_id", "seq"]],
    ["history_records_upn", ["tenant_id", "target_upn", "seq"]],
    ["history_records_action", ["tenant_id", "action", "seq"]],
    ["history_records_outcome", ["tenant_id", "outcome", "seq"]],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on("history_records").columns(columns).execute();
  }
  await db.schema
    .createIndex("history_records_job")
    .on("history_records")
    .columns(["tenant_id", "job_id", "seq"])
    .where(sql.ref("job_id"), "is not", null)
    .execute();
  await createHistoryGuards(db, dialect);
  await importAuditEvents(db as unknown as Kysely<Tables>, dialect);
  await db.schema.dropTable("audit_events").execute();
}

/** The job audit trail becomes each tenant's first records, in the order it was written. */
async function importAuditEvents(db: Kysely<Tables>, dialect: DialectName) {
  const rows = (await sql<AuditRow>`select * from audit_events order by id`.execute(db)).rows;
  if (rows.length === 0) return;
  const drafts = rows.map((row): HistoryDraft => ({
    tenantId: row.tenant_id,
    action: IMPORTED_ACTIONS.has(row.action)
      ? (row.action as HistoryDraft["action"])
      : "history.imported",
    actor: {
      kind: row.actor_oid === "licensedesk" ? "system" : "person",
      oid: row.actor_oid,
      name: row.actor_name,
    },
    jobId: row.target_type === "job" ? row.target_id : undefined,
    summary: `${row.action} (from the job audit trail)`,
    detail: {
      imported: {
        auditId: Number(row.id),
        at: Number(row.at),
        detail: row.detail ? (JSON.parse(row.detail) as unknown) : null,
      },
    },
  }));
  // Migrations run in a transaction already. Each event keeps its time; the chain's clamp keeps them in order.
  for (const [i, draft] of drafts.entries()) {
    await appendHistory(db, dialect, [draft], Number(rows[i]!.at));
  }
}
