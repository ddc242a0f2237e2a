import "server-only";
import type { Database } from "../db/database";

export interface HistoryRecordRow {
  tenantId: string;
  seq: number;
  at: number;
  action: string;
  actor: { kind: string; oid: string; name: string; ruleId: string | null };
  targetUserId: string | null;
  outcome: string | null;
  jobId: string | null;
  summary: string;
  /** The signed body, parsed. */
  body: Record<string, unknown> & { detail: unknown };
  hash: string;
}

/** A job's own life: created, and each pause, resume and cancel (not its users' outcomes). */
export const JOB_CONTROLS = ["job.created", "job.paused", "job.resumed", "job.cancelled"] as const;

export interface ReadHistoryOptions {
  tenantId: string;
  jobId?: string;
  /** Only these actions. */
  actions?: readonly string[];
  /** Paging: only records older than this `seq`. */
  beforeSeq?: number;
  limit?: number;
}

/** A tenant's records, newest first, optionally of one job. */
export async function readHistory(
  database: Database,
  { tenantId, jobId, actions, beforeSeq, limit = 100 }: ReadHistoryOptions,
): Promise<HistoryRecordRow[]> {
  const rows = await database.kysely
    .selectFrom("history_records")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .$if(jobId !== undefined, (q) => q.where("job_id", "=", jobId!))
    .$if(actions !== undefined, (q) => q.where("action", "in", actions!))
    .$if(beforeSeq !== undefined, (q) => q.where("seq", "<", beforeSeq!))
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    seq: row.seq,
    at: row.at,
    action: row.action,
    actor: { kind: row.actor_kind, oid: row.actor_oid, name: row.actor_name, ruleId: row.rule_id },
    targetUserId: row.target_user_id,
    outcome: row.outcome,
    jobId: row.job_id,
    summary: row.summary,
    body: JSON.parse(row.body) as HistoryRecordRow["body"],
    hash: row.hash,
  }));
}
