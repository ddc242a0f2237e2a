import "server-only";
import type { Database } from "../db/database";
import { appendHistory } from "./append";
import { SYSTEM_HISTORY_ACTOR } from "./draft";

const DAY_MS = 86_400_000;
// One transaction removes at most this many records, so the head is never held long.
const BATCH = 10_000;

export interface ExpiryResult {
  tenantId: string;
  removed: number;
}

/** One batch of a tenant's expiry: the record of it first, then whole records from the start of the chain. */
async function expireBatch(
  database: Database,
  tenantId: string,
  { cutoff, retentionDays, now }: { cutoff: number; retentionDays: number; now: number },
): Promise<number> {
  return database.kysely.transaction().execute(async (trx) => {
    const head = await trx
      .selectFrom("history_chains")
      .select(["expired_through"])
      .where("tenant_id", "=", tenantId)
      .$if(database.dialect === "postgres", (q) => q.forUpdate())
      .executeTakeFirst();
    if (!head) return 0;
    const last = await trx
      .selectFrom("history_records")
      .select(["seq", "hash", "at"])
      .where("tenant_id", "=", tenantId)
      .where("at", "<", cutoff)
      .where("seq", "<=", head.expired_through + BATCH)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!last) return 0;
    const removed = last.seq - head.expired_through;
    // The expiry is a record of its own, and it names the hash the chain now starts after.
    await appendHistory(
      trx,
      database.dialect,
      [
        {
          tenantId,
          action: "history.expired",
          actor: SYSTEM_HISTORY_ACTOR,
          summary: `Removed ${removed.toLocaleString("en-US")} record${removed === 1 ? "" : "s"} older than ${retentionDays} days`,
          detail: {
            throughSeq: last.seq,
            throughHash: last.hash,
            throughAt: last.at,
            removed,
            retentionDays,
            cutoff,
          },
        },
      ],
      now,
    );
    await trx
      .updateTable("history_chains")
      .set({ expired_through: last.seq })
      .where("tenant_id", "=", tenantId)
      .execute();
    await trx
      .deleteFrom("history_terms")
      .where("tenant_id", "=", tenantId)
      .where("seq", "<=", last.seq)
      .execute();
    await trx
      .deleteFrom("history_records")
      .where("tenant_id", "=", tenantId)
      .where("seq", "<=", last.seq)
      .execute();
    return removed;
  });
}

/** Removes every tenant's records older than the retention, oldest first, whole records only, each removal on record. */
export async function expireHistory(
  database: Database,
  { retentionDays, now = Date.now() }: { retentionDays: number; now?: number },
): Promise<ExpiryResult[]> {
  const cutoff = now - retentionDays * DAY_MS;
  const tenants = await database.kysely.selectFrom("history_chains").select("tenant_id").execute();
  const results: ExpiryResult[] = [];
  for (const { tenant_id: tenantId } of tenants) {
    let removed = 0;
    for (;;) {
      const batch = await expireBatch(database, tenantId, { cutoff, retentionDays, now });
      if (batch === 0) break;
      removed += batch;
    }
    results.push({ tenantId, removed });
  }
  return results;
}
