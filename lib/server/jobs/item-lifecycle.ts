import "server-only";
import type { Database } from "../db/database";
import { lockJob, settleJob } from "./settle";
import type { ItemLease, ItemOutcome, OutcomeDetail } from "./types";

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
): Promise<boolean> {
  const result = await database.kysely
    .updateTable("job_items")
    .set({ state: "written", written_at: now, updated_at: now })
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
  { outcome, detail, now }: { outcome: ItemOutcome; detail: OutcomeDetail; now: number },
): Promise<boolean> {
  return database.kysely.transaction().execute(async (trx) => {
    await lockJob(trx, database.dialect, item.jobId);
    const result = await trx
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
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await settleJob(trx, item.jobId, now);
    return true;
  });
}
