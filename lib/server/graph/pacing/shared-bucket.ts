import "server-only";
import type { Transaction } from "kysely";
import type { Database } from "@/lib/server/db/database";
import type { Tables } from "@/lib/server/db/schema";

export interface SharedBucketOptions {
  /** Which limit the row models, e.g. "graph-writes". */
  budget: string;
  appId: string;
  tenantId: string;
  capacity: number;
  windowMs: number;
  /** The window is divided by this, as the emulator does, so tests can watch refills in milliseconds. */
  timeScale: number;
}

interface Row {
  tokens: number;
  updated_at: number;
  blocked_until: number;
}

/** A token bucket kept in one `rate_budgets` row that every instance shares; each change is atomic. */
export function sharedBucket(database: Database, options: SharedBucketOptions) {
  const { budget, appId, tenantId, capacity, windowMs, timeScale } = options;
  const perMs = (capacity * timeScale) / windowMs;
  const { kysely, dialect } = database;
  const key = { budget, app_id: appId, tenant_id: tenantId };

  const levelAt = (row: Row, now: number) =>
    Math.min(capacity, row.tokens + Math.max(0, now - row.updated_at) * perMs);

  // The row is created full on first use; the row lock (SQLite: the write lock) makes each change atomic.
  async function locked(trx: Transaction<Tables>, now: number): Promise<Row> {
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

  const save = (trx: Transaction<Tables>, values: Partial<Row>) =>
    trx
      .updateTable("rate_budgets")
      .set(values)
      .where((eb) => eb.and(key))
      .execute();

  return {
    capacity,
    perMs,

    /**
     * Takes all `n` tokens above `floor`, or none and says how long until they are there (ms; 0 = taken).
     * A request is sent whole, so a part of its cost is never taken.
     */
    take: (n: number, now: number, floor = 0): Promise<number> =>
      kysely.transaction().execute(async (trx) => {
        const row = await locked(trx, now);
        if (now < row.blocked_until) return row.blocked_until - now;
        const level = levelAt(row, now);
        if (level - floor < n) return Math.max(1, Math.ceil((floor + n - level) / perMs));
        // Instances' clocks differ a little; moving the refill origin back would count a refill twice.
        await save(trx, { tokens: level - n, updated_at: Math.max(row.updated_at, now) });
        return 0;
      }),

    /** Puts back tokens taken for a request that was not sent after all (another limit was spent). */
    refund: (n: number, now: number) =>
      kysely.transaction().execute(async (trx) => {
        const row = await locked(trx, now);
        const level = Math.min(capacity, levelAt(row, now) + n);
        await save(trx, { tokens: level, updated_at: Math.max(row.updated_at, now) });
      }),

    /** Nobody takes before `until`; the bucket refills from empty then. */
    blockUntil: (at: number) =>
      kysely.transaction().execute(async (trx) => {
        // Retry-After has fractional seconds; the column holds whole milliseconds.
        const until = Math.ceil(at);
        const row = await locked(trx, until);
        if (until <= row.blocked_until) return;
        await save(trx, {
          tokens: 0,
          updated_at: Math.max(row.updated_at, until),
          blocked_until: until,
        });
      }),

    /**
     * Graph said `usage` of its fullest limit was in use when it answered at `answeredAt`: the bucket holds
     * no more than Graph had left then plus the refill since, so other apps' traffic slows us before a 429.
     */
    observeUsage: (usage: number, answeredAt: number, now: number) =>
      kysely.transaction().execute(async (trx) => {
        const row = await locked(trx, now);
        // Graph's share is decimal: in binary (1 - 0.9) * 10 is 0.999…, a whole write short of what is left.
        const left = Math.round(Math.max(0, 1 - usage) * capacity * 1e9) / 1e9;
        const graphLeft = left + Math.max(0, now - answeredAt) * perMs;
        const level = levelAt(row, now);
        if (graphLeft >= level) return;
        await save(trx, { tokens: graphLeft, updated_at: Math.max(row.updated_at, now) });
      }),

    /** The level and block, without changing anything. */
    async peek(now: number): Promise<{ level: number; blockedUntil: number }> {
      const row = await kysely
        .selectFrom("rate_budgets")
        .select(["tokens", "updated_at", "blocked_until"])
        .where((eb) => eb.and(key))
        .executeTakeFirst();
      const blockedUntil = Number(row?.blocked_until ?? 0);
      const start = Math.max(now, blockedUntil);
      return { level: row ? levelAt(row, start) : capacity, blockedUntil };
    },
  };
}
