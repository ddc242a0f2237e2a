import "server-only";
import type { Selectable } from "kysely";
import type { Database } from "../db/database";
import type { ItemState, JobItemsTable, JobStatus } from "../db/schema";
import { cancelIdleItems, lockJob } from "./settle";
import type { ClaimedItem } from "./types";

export interface ClaimOptions {
  /** This worker's id; it must name itself in every later change to the items. */
  owner: string;
  max: number;
  leaseMs: number;
  now: number;
}

const OPEN_JOB: JobStatus[] = ["queued", "running", "paused", "cancelling"];
// Paused and cancelling jobs send no new writes, but what was written is still verified.
const claimableStates = (status: JobStatus): ItemState[] =>
  status === "queued" || status === "running" ? ["pending", "in_flight", "written"] : ["written"];

type ItemRow = Selectable<JobItemsTable>;

/** One item from each job in turn, until `max`: a big job cannot starve a small one. */
function roundRobin(perJob: ItemRow[][], max: number): ItemRow[] {
  const picked: ItemRow[] = [];
  for (let round = 0; picked.length < max; round++) {
    const row = perJob.map((rows) => rows[round]).filter((r): r is ItemRow => r !== undefined);
    if (row.length === 0) break;
    picked.push(...row.slice(0, max - picked.length));
  }
  return picked;
}

/**
 * Leases up to `max` items across open jobs, fairly: pending items due now, and items whose lease expired.
 * PostgreSQL workers skip rows another worker is claiming; SQLite claims under the database's write lock.
 */
export async function claimItems(
  database: Database,
  { owner, max, leaseMs, now }: ClaimOptions,
): Promise<ClaimedItem[]> {
  const { kysely, dialect } = database;
  const leaseExpiresAt = now + leaseMs;
  const { jobs, picked } = await kysely.transaction().execute(async (trx) => {
    const jobs = await trx
      .selectFrom("jobs")
      .select(["id", "status"])
      .where("status", "in", OPEN_JOB)
      // Nothing of a job waiting for its creator to sign in can reach Graph, not even a check.
      .where((eb) =>
        eb.or([eb("pause_reason", "is", null), eb("pause_reason", "!=", "sign_in_required")]),
      )
      .orderBy("claim_turn")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const perJob: ItemRow[][] = [];
    for (const job of jobs) {
      perJob.push(
        await trx
          .selectFrom("job_items")
          .selectAll()
          .where("job_id", "=", job.id)
          .where("state", "in", claimableStates(job.status))
          .where((eb) => eb(eb.fn.coalesce("lease_expires_at", "next_attempt_at"), "<=", now))
          .orderBy("id")
          .limit(max)
          .$if(dialect === "postgres", (qb) => qb.forUpdate().skipLocked())
          .execute(),
      );
    }
    const picked = roundRobin(perJob, max);
    const ids = picked.map((row) => row.id);
    if (ids.length > 0) {
      await trx
        .updateTable("job_items")
        .set((eb) => ({
          state: eb
            .case()
            .when("state", "=", "pending")
            .then("in_flight" as const)
            .else(eb.ref("state"))
            .end(),
          lease_owner: owner,
          lease_expires_at: leaseExpiresAt,
          updated_at: now,
        }))
        .where("id", "in", ids)
        .execute();
    }
    return { jobs, picked };
  });
  await recordTurns(database, picked, now);
  for (const job of jobs.filter((j) => j.status === "cancelling")) {
    await kysely.transaction().execute(async (trx) => {
      await lockJob(trx, dialect, job.id);
      await cancelIdleItems(trx, job.id, now);
    });
  }
  return picked.map((row) => ({
    id: row.id,
    jobId: row.job_id,
    owner,
    phase: row.state === "written" ? "verify" : "write",
    mayHaveBeenSent: row.state === "in_flight" || row.attempts > 0,
    userId: row.user_id,
    upn: row.upn,
    displayName: row.display_name,
    attempts: row.attempts,
    leaseExpiresAt,
    writtenAt: row.written_at,
  }));
}

// Job rows are updated after the claim commits, so a claim only ever locks items (see lockJob's order).
async function recordTurns(database: Database, picked: ItemRow[], now: number): Promise<void> {
  if (picked.length === 0) return;
  // A job's new turn follows the position of its last item in this claim, so the next claim starts after it.
  const lastPosition = new Map<string, number>();
  picked.forEach((row, position) => lastPosition.set(row.job_id, position + 1));
  // Sorted, so concurrent claims lock job rows in the same order.
  const jobIds = [...lastPosition.keys()].sort();
  await database.kysely.transaction().execute(async (trx) => {
    const { turn } = await trx
      .selectFrom("jobs")
      .select((eb) => eb.fn.max("claim_turn").as("turn"))
      .executeTakeFirstOrThrow();
    for (const jobId of jobIds) {
      await trx
        .updateTable("jobs")
        .set({ claim_turn: (turn ?? 0) + (lastPosition.get(jobId) ?? 0) })
        .where("id", "=", jobId)
        .execute();
      await trx
        .updateTable("jobs")
        .set({ status: "running", started_at: now })
        .where("id", "=", jobId)
        .where("status", "=", "queued")
        .execute();
    }
  });
}
