import "server-only";
// Every item state change, with the job-row changes it causes: claim and takeover, lease renewal, write
// recorded, retry, final outcome, and the job's own end. One module, so the lock order is seen at once.
import type { Selectable, Transaction } from "kysely";
import type { Database, DialectName } from "@/lib/server/db/database";
import type { ItemState, JobItemsTable, JobStatus, Tables } from "@/lib/server/db/schema";
import { appendHistory } from "@/lib/server/history/append";
import type { HistoryDraft } from "@/lib/server/history/draft";
import { SYSTEM_HISTORY_ACTOR } from "@/lib/server/history/draft";
import type {
  Actor,
  ClaimedItem,
  ItemHistory,
  ItemLease,
  ItemOutcome,
  OutcomeDetail,
} from "./types";

type Trx = Transaction<Tables>;

// Every transaction that touches a job and its items locks the job row first: one lock order, no deadlocks.
// The history's chain head comes last (appendHistory), after every other write of the transaction.
export async function lockJob(trx: Trx, dialect: DialectName, jobId: string) {
  return trx
    .selectFrom("jobs")
    .select([
      "id",
      "status",
      "tenant_id",
      "started_at",
      "pause_reason",
      "created_by_oid",
      "created_by_name",
      "rule_id",
    ])
    .where("id", "=", jobId)
    .$if(dialect === "postgres", (qb) => qb.forUpdate())
    .executeTakeFirst();
}

type LockedJob = NonNullable<Awaited<ReturnType<typeof lockJob>>>;

/**
 * Once no item is left open, the job is completed, or cancelled if a cancel was asked for; its record when
 * it ends now, else null. Job row locked.
 */
export async function settleJob(
  trx: Trx,
  job: LockedJob,
  now: number,
): Promise<HistoryDraft | null> {
  const open = await trx
    .selectFrom("job_items")
    .select("id")
    .where("job_id", "=", job.id)
    .where("state", "!=", "final")
    .limit(1)
    .executeTakeFirst();
  if (open) return null;
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
    .where("id", "=", job.id)
    .where("status", "not in", ["completed", "cancelled"])
    .returning("status")
    .executeTakeFirst();
  if (!finished) return null;
  // A finished job needs nobody's credentials any more.
  await trx.deleteFrom("job_credentials").where("job_id", "=", job.id).execute();
  return {
    tenantId: job.tenant_id,
    action: "job.finished",
    actor: SYSTEM_HISTORY_ACTOR,
    jobId: job.id,
    outcome: finished.status,
    summary:
      finished.status === "cancelled"
        ? "The bulk reprocess was cancelled"
        : "The bulk reprocess completed",
  };
}

interface FinishedItem {
  user_id: string;
  upn: string;
  display_name: string;
  outcome: ItemOutcome | null;
  write_request_id?: string | null;
}

/** How Graph acts for a job: as its creator while their sealed sign-in is kept, else as the app. */
async function graphModeOf(trx: Trx, jobId: string): Promise<"delegated" | "app-only"> {
  const credential = await trx
    .selectFrom("job_credentials")
    .select("job_id")
    .where("job_id", "=", jobId)
    .executeTakeFirst();
  return credential ? "delegated" : "app-only";
}

/** The record of one user's final outcome in a job; the job's creator is the actor. */
function itemRecord(
  job: LockedJob,
  actor: Actor,
  item: FinishedItem,
  detail: OutcomeDetail,
  graphMode: "delegated" | "app-only",
  history?: ItemHistory,
): HistoryDraft {
  const states = [history?.before, history?.after].flatMap((s) => s?.licenseAssignmentStates ?? []);
  const failed = states.filter((s) => s.error !== "None");
  return {
    tenantId: job.tenant_id,
    action: "job.item_finished",
    actor:
      job.rule_id && actor.oid === job.created_by_oid
        ? { kind: "rule", ...actor, ruleId: job.rule_id }
        : { kind: actor.oid === SYSTEM_HISTORY_ACTOR.oid ? "system" : "person", ...actor },
    target: { userId: item.user_id, upn: item.upn, displayName: item.display_name },
    graphMode,
    outcome: item.outcome ?? undefined,
    jobId: job.id,
    summary: `${item.display_name}: ${detail.message ?? item.outcome ?? ""}`,
    terms: { skuIds: failed.map((s) => s.skuId), codes: failed.map((s) => s.error) },
    detail: {
      ...detail,
      before: history?.before ?? null,
      after: history?.after ?? null,
      diff: history?.diff ?? null,
      // The reprocess call behind the outcome, as Microsoft support traces it.
      requests: item.write_request_id
        ? [
            {
              method: "POST",
              path: `/users/${item.user_id}/reprocessLicenseAssignment`,
              requestId: item.write_request_id,
            },
          ]
        : [],
    },
  };
}

/**
 * Finalizes the job's pending items (and in-flight ones whose lease expired) as cancelled, in the caller's
 * transaction with the job row locked; answers their records, and the job's if it ended, for the caller to
 * append last.
 */
export async function cancelIdleItems(
  trx: Trx,
  job: LockedJob,
  now: number,
  actor: Actor,
): Promise<HistoryDraft[]> {
  const detail: OutcomeDetail = {
    message: "Cancelled before a reprocess was recorded for this user.",
  };
  const cancelled = await trx
    .updateTable("job_items")
    .set({
      state: "final",
      outcome: "cancelled",
      outcome_detail: JSON.stringify(detail),
      lease_owner: null,
      lease_expires_at: null,
      finished_at: now,
      updated_at: now,
    })
    .where("job_id", "=", job.id)
    .where((eb) =>
      eb.or([
        eb("state", "=", "pending"),
        eb.and([eb("state", "=", "in_flight"), eb("lease_expires_at", "<=", now)]),
      ]),
    )
    .returning(["user_id", "upn", "display_name", "outcome"])
    .execute();
  const graphMode = cancelled.length > 0 ? await graphModeOf(trx, job.id) : "app-only";
  const drafts = cancelled.map((item) => itemRecord(job, actor, item, detail, graphMode));
  const end = await settleJob(trx, job, now);
  return end ? [...drafts, end] : drafts;
}

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
  try {
    await recordTurns(database, picked, now);
    for (const job of jobs.filter((j) => j.status === "cancelling")) {
      await kysely.transaction().execute(async (trx) => {
        const locked = await lockJob(trx, dialect, job.id);
        if (!locked) return;
        const records = await cancelIdleItems(trx, locked, now, SYSTEM_HISTORY_ACTOR);
        await appendHistory(trx, dialect, records, now);
      });
    }
  } catch (error) {
    // The claim has committed: its items must reach the worker; turns and cancels are redone next claim.
    console.error(`[jobs] claim by ${owner}: after the claim: ${(error as Error).message}`);
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

// Each change below names the lease owner: a worker whose lease expired and was taken over changes nothing.

/** Extends the leases an owner still holds; returns the ids it holds (others were taken over or finished). */
export async function renewLeases(
  database: Database,
  {
    owner,
    itemIds,
    leaseMs,
    now,
  }: { owner: string; itemIds: number[]; leaseMs: number; now: number },
): Promise<number[]> {
  if (itemIds.length === 0) return [];
  const rows = await database.kysely
    .updateTable("job_items")
    .set({ lease_expires_at: now + leaseMs })
    .where("id", "in", itemIds)
    .where("lease_owner", "=", owner)
    .where("state", "in", ["in_flight", "written"])
    .returning("id")
    .execute();
  return rows.map((row) => row.id);
}

/** Records that Graph accepted the write, before verifying: from now on the item is only ever verified. */
export async function markWritten(
  database: Database,
  item: ItemLease,
  now: number,
  requestId: string | null = null,
): Promise<boolean> {
  const result = await database.kysely
    .updateTable("job_items")
    .set({ state: "written", written_at: now, updated_at: now, write_request_id: requestId })
    .where("id", "=", item.id)
    .where("lease_owner", "=", item.owner)
    .where("state", "=", "in_flight")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Gives the item back until `at`: an unwritten item returns to pending (to be written again), a written
 * one stays written (to be verified again). `now` is when this happened (default: the wall clock).
 */
export async function scheduleRetry(
  database: Database,
  item: ItemLease,
  { at, attempts, now = Date.now() }: { at: number; attempts: number; now?: number },
): Promise<boolean> {
  const result = await database.kysely
    .updateTable("job_items")
    .set((eb) => ({
      state: eb
        .case()
        .when("state", "=", "in_flight")
        .then("pending" as const)
        .else(eb.ref("state"))
        .end(),
      next_attempt_at: at,
      attempts,
      lease_owner: null,
      lease_expires_at: null,
      updated_at: now,
    }))
    .where("id", "=", item.id)
    .where("lease_owner", "=", item.owner)
    .where("state", "in", ["in_flight", "written"])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records the item's one final outcome; false when it is already final or no longer held by this owner. */
export async function finishItem(
  database: Database,
  item: ItemLease,
  {
    outcome,
    detail,
    now,
    history,
  }: { outcome: ItemOutcome; detail: OutcomeDetail; now: number; history?: ItemHistory },
): Promise<boolean> {
  return database.kysely.transaction().execute(async (trx) => {
    const job = await lockJob(trx, database.dialect, item.jobId);
    if (!job) return false;
    const finished = await trx
      .updateTable("job_items")
      .set({
        state: "final",
        outcome,
        outcome_detail: JSON.stringify(detail),
        lease_owner: null,
        lease_expires_at: null,
        finished_at: now,
        updated_at: now,
      })
      .where("id", "=", item.id)
      .where("job_id", "=", item.jobId)
      .where("lease_owner", "=", item.owner)
      .where("state", "in", ["in_flight", "written"])
      .returning(["user_id", "upn", "display_name", "outcome", "write_request_id"])
      .executeTakeFirst();
    // Taken over by another worker meanwhile: that one records the outcome.
    if (!finished) return false;
    const graphMode = await graphModeOf(trx, job.id);
    const creator = { oid: job.created_by_oid, name: job.created_by_name };
    const records = [itemRecord(job, creator, finished, detail, graphMode, history)];
    const end = await settleJob(trx, job, now);
    if (end) records.push(end);
    await appendHistory(trx, database.dialect, records, now);
    return true;
  });
}
