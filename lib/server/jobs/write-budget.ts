import "server-only";
import type { Transaction } from "kysely";
import type { Database } from "../db/database";
import type { Tables } from "../db/schema";

export interface WriteBudgetOptions {
  appId: string;
  tenantId: string;
  /** Writes Graph allows per app+tenant in one window: 3,000. */
  capacity?: number;
  /** 150 s. */
  windowMs?: number;
  /** Tokens bulk jobs leave for single-user reprocesses, so those never wait behind a job. */
  interactiveReserve?: number;
  /** The window is divided by this, as the emulator does, so tests can watch refills in milliseconds. */
  timeScale?: number;
}

export type WritePriority = "bulk" | "interactive";

export interface WriteGrant {
  /** Writes that may be sent now, 0 to `n`. */
  granted: number;
  /** When nothing was granted: how long until it is worth asking again. */
  waitMs: number;
}

export interface WriteBudget {
  /** Takes up to `n` tokens, at least `minimum` (default 1), or says how long to wait for `minimum`. */
  acquire(
    n: number,
    now: number,
    options?: { priority?: WritePriority; minimum?: number },
  ): Promise<WriteGrant>;
  /** Graph answered 429 with Retry-After: every instance waits until then, and refills from empty. */
  blockUntil(until: number): Promise<void>;
  /** How long `n` bulk writes would take from now at the budget's pace. */
  estimateMs(n: number, now: number): Promise<number>;
}

const BUDGET = "graph-writes";

interface Bucket {
  tokens: number;
  updated_at: number;
  blocked_until: number;
}

/** A token bucket for Graph writes, kept in one database row that every instance shares. */
export function writeBudget(database: Database, options: WriteBudgetOptions): WriteBudget {
  const { appId, tenantId, capacity = 3000, windowMs = 150_000 } = options;
  const { interactiveReserve = 20, timeScale = 1 } = options;
  const perMs = (capacity * timeScale) / windowMs;
  const { kysely, dialect } = database;
  const key = { budget: BUDGET, app_id: appId, tenant_id: tenantId };

  const levelAt = (bucket: Bucket, now: number) =>
    Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.updated_at) * perMs);

  // The row is created full on first use; the row lock (SQLite: the write lock) makes each change atomic.
  async function lockedBucket(trx: Transaction<Tables>, now: number): Promise<Bucket> {
    await trx
      .insertInto("rate_budgets")
      .values({ ...key, tokens: capacity, updated_at: now })
      .onConflict((oc) => oc.columns(["budget", "app_id", "tenant_id"]).doNothing())
      .execute();
    return trx
      .selectFrom("rate_budgets")
      .select(["tokens", "updated_at", "blocked_until"])
      .where((eb) => eb.and(key))
      .$if(dialect === "postgres", (qb) => qb.forUpdate())
      .executeTakeFirstOrThrow();
  }

  const save = (trx: Transaction<Tables>, values: Partial<Bucket>) =>
    trx
      .updateTable("rate_budgets")
      .set(values)
      .where((eb) => eb.and(key))
      .execute();

  return {
    acquire: (n, now, { priority = "bulk", minimum = 1 } = {}) =>
      kysely.transaction().execute(async (trx) => {
        const bucket = await lockedBucket(trx, now);
        if (now < bucket.blocked_until) return { granted: 0, waitMs: bucket.blocked_until - now };
        const floor = priority === "interactive" ? 0 : interactiveReserve;
        const level = levelAt(bucket, now);
        const wanted = Math.min(minimum, n, capacity - floor);
        const available = Math.floor(level - floor);
        if (available < wanted) {
          return { granted: 0, waitMs: Math.ceil((floor + wanted - level) / perMs) };
        }
        const granted = Math.min(n, available);
        // Instances' clocks differ a little; moving the refill origin back would count a refill twice.
        await save(trx, { tokens: level - granted, updated_at: Math.max(bucket.updated_at, now) });
        return { granted, waitMs: 0 };
      }),

    blockUntil: (until) =>
      kysely.transaction().execute(async (trx) => {
        const bucket = await lockedBucket(trx, until);
        if (until <= bucket.blocked_until) return;
        await save(trx, {
          tokens: 0,
          updated_at: Math.max(bucket.updated_at, until),
          blocked_until: until,
        });
      }),

    async estimateMs(n, now) {
      const bucket = await kysely
        .selectFrom("rate_budgets")
        .select(["tokens", "updated_at", "blocked_until"])
        .where((eb) => eb.and(key))
        .executeTakeFirst();
      const start = Math.max(now, bucket?.blocked_until ?? now);
      const level = bucket ? levelAt(bucket, start) : capacity;
      return start - now + Math.max(0, n + interactiveReserve - level) / perMs;
    },
  };
}
