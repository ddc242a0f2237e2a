import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "../db/database";
import type { Tables } from "../db/schema";

/** This instance leads scheduled work while it holds the lease; `fence` proves it in every commit. */
export interface Lease {
  name: string;
  holder: string;
  fence: number;
}

/**
 * Takes the lease when it is free or expired, or renews it when this holder has it; null when another
 * instance leads. A row rather than an advisory lock: it works the same on SQLite and survives pooled connections.
 */
export async function takeLease(
  database: Database,
  { name, holder, leaseMs, now }: { name: string; holder: string; leaseMs: number; now: number },
): Promise<Lease | null> {
  const db = database.kysely;
  await db
    .insertInto("scheduler_leases")
    .values({ name, holder: "", fence: 0, expires_at: 0 })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const renewed = await db
    .updateTable("scheduler_leases")
    .set({ expires_at: now + leaseMs })
    .where("name", "=", name)
    .where("holder", "=", holder)
    .where("expires_at", ">", now)
    .returning("fence")
    .executeTakeFirst();
  if (renewed) return { name, holder, fence: renewed.fence };
  const taken = await db
    .updateTable("scheduler_leases")
    .set((eb) => ({ holder, fence: eb("fence", "+", 1), expires_at: now + leaseMs }))
    .where("name", "=", name)
    .where("expires_at", "<=", now)
    .returning("fence")
    .executeTakeFirst();
  return taken ? { name, holder, fence: taken.fence } : null;
}

/** Inside a commit: true only if this lease is still the current one (a stale leader commits nothing). */
export async function stillLeading(
  trx: Kysely<Tables>,
  database: Database,
  lease: Lease,
  now: number,
) {
  const row = await trx
    .selectFrom("scheduler_leases")
    .select(["holder", "fence", "expires_at"])
    .where("name", "=", lease.name)
    .$if(database.dialect === "postgres", (q) => q.forUpdate())
    .executeTakeFirst();
  return row?.holder === lease.holder && row.fence === lease.fence && row.expires_at > now;
}

/** Gives the lease up at shutdown, so another instance leads at once instead of after it expires. */
export async function releaseLease(database: Database, lease: Lease): Promise<void> {
  await database.kysely
    .updateTable("scheduler_leases")
    .set({ expires_at: 0 })
    .where("name", "=", lease.name)
    .where("holder", "=", lease.holder)
    .where("fence", "=", lease.fence)
    .execute();
}
