import "server-only";
import type { Transaction } from "kysely";
import type { DialectName } from "../db/database";
import type { Tables } from "../db/schema";

type Trx = Transaction<Tables>;

// Every transaction that touches a job and its items locks the job row first: one lock order, no deadlocks.
export async function lockJob(trx: Trx, dialect: DialectName, jobId: string) {
  return trx
    .selectFrom("jobs")
    .select(["id", "status", "tenant_id", "started_at", "pause_reason", "created_by_oid"])
    .where("id", "=", jobId)
    .$if(dialect === "postgres", (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/** Once no item is left open, the job is completed, or cancelled if a cancel was asked for. Job row locked. */
export async function settleJob(trx: Trx, jobId: string, now: number): Promise<void> {
  const open = await trx
    .selectFrom("job_items")
    .select("id")
    .where("job_id", "=", jobId)
    .where("state", "!=", "final")
    .limit(1)
    .executeTakeFirst();
  if (open) return;
  const finished = await trx
    .updateTable("jobs")
    .set((eb) => ({
      status: eb
        .case()
        .when("status", "=", "cancelling")
        .then("cancelled" as const)
        .else("completed" as const)
        .end(),
      finished_at: now,
      pause_reason: null,
    }))
    .where("id", "=", jobId)
    .where("status", "not in", ["completed", "cancelled"])
    .executeTakeFirst();
  // A finished job needs nobody's credentials any more.
  if (finished.numUpdatedRows > 0n) {
    await trx.deleteFrom("job_credentials").where("job_id", "=", jobId).execute();
  }
}

/**
 * In a cancelling job, finalizes as cancelled what nobody is writing: pending items and items whose
 * worker's lease expired before the write was recorded. Written items stay, to be verified. Job row locked.
 */
export async function cancelIdleItems(trx: Trx, jobId: string, now: number): Promise<void> {
  await trx
    .updateTable("job_items")
    .set({
      state: "final",
      outcome: "cancelled",
      outcome_detail: JSON.stringify({
        message: "Cancelled before a reprocess was recorded for this user.",
      }),
      lease_owner: null,
      lease_expires_at: null,
      finished_at: now,
      updated_at: now,
    })
    .where("job_id", "=", jobId)
    .where((eb) =>
      eb.or([
        eb("state", "=", "pending"),
        eb.and([eb("state", "=", "in_flight"), eb("lease_expires_at", "<=", now)]),
      ]),
    )
    .execute();
  await settleJob(trx, jobId, now);
}
