import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/server/db/database";
import { appendHistory } from "@/lib/server/history/append";
import type { NewJob, NewJobItem } from "./types";

/** Rows per INSERT: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const INSERT_CHUNK = 500;

/** Stores a job with one pending item per distinct user, and its audit line, in one transaction. */
export async function createJob(database: Database, job: NewJob): Promise<string> {
  const items = [...new Map(job.items.map((item) => [item.userId, item])).values()];
  if (items.length === 0) throw new Error("A job needs at least one user.");
  const id = job.id ?? randomUUID();
  await database.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto("jobs")
      .values({
        id,
        tenant_id: job.tenantId,
        created_by_oid: job.createdBy.oid,
        created_by_name: job.createdBy.name,
        created_at: job.now,
        status: "queued",
        selection_description: job.selection.description,
        selection_criteria:
          job.selection.criteria === undefined ? null : JSON.stringify(job.selection.criteria),
        total_items: items.length,
        started_at: null,
        finished_at: null,
        pause_reason: null,
        rule_id: job.ruleId ?? null,
      })
      .execute();
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      const chunk: NewJobItem[] = items.slice(start, start + INSERT_CHUNK);
      await trx
        .insertInto("job_items")
        .values(
          chunk.map((item) => ({
            job_id: id,
            user_id: item.userId,
            upn: item.upn,
            display_name: item.displayName,
            outcome: null,
            outcome_detail: null,
            lease_owner: null,
            lease_expires_at: null,
            written_at: null,
            finished_at: null,
            updated_at: job.now,
          })),
        )
        .execute();
    }
    if (job.credential) {
      await trx
        .insertInto("job_credentials")
        .values({
          job_id: id,
          ciphertext: job.credential.ciphertext,
          expires_at: job.credential.expiresAt,
          updated_at: job.now,
        })
        .execute();
    }
    // Last: the history's chain head is the final lock a transaction takes.
    await appendHistory(
      trx,
      database.dialect,
      [
        {
          tenantId: job.tenantId,
          action: "job.created",
          actor: job.ruleId
            ? { kind: "rule", ...job.createdBy, ruleId: job.ruleId }
            : { kind: "person", ...job.createdBy },
          jobId: id,
          summary: `Bulk reprocess of ${items.length} user${items.length === 1 ? "" : "s"}: ${job.selection.description}`,
          detail: { users: items.length, selection: job.selection.description },
        },
      ],
      job.now,
    );
  });
  return id;
}
