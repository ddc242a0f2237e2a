import "server-only";
import type { Database } from "../db/database";
import { type Grant, rateBucket } from "./rate-bucket";

/** Graph's ResourceUnits per app+tenant per 10 s, by tenant size (S < 50 users, M ≤ 500, L above). */
export function resourceUnitsForTenant(userCount: number): number {
  return userCount < 50 ? 3500 : userCount <= 500 ? 5000 : 8000;
}

export interface ReadBudgetOptions {
  appId: string;
  tenantId: string;
  /** ResourceUnits per window; see resourceUnitsForTenant. Defaults to the small tenant's 3,500. */
  capacity?: number;
  /** 10 s. */
  windowMs?: number;
  timeScale?: number;
}

export interface ReadBudget {
  /** Takes `units` ResourceUnits at once, or says how long until they are there. */
  acquire(units: number, now: number): Promise<Grant>;
  /** A 429 for ResourceUnits: every instance waits until then. */
  blockUntil(until: number): Promise<void>;
  /** Graph's `x-ms-throttle-limit-percentage` on a read it answered at `answeredAt`. */
  observeUsage(usage: number, answeredAt: number, now: number): Promise<void>;
}

/**
 * Graph's ResourceUnit bucket (reads cost 1–5 units, every write 1), shared by all instances like the
 * write budget, so checks and snapshots never push the tenant into a 429.
 */
export function readBudget(database: Database, options: ReadBudgetOptions): ReadBudget {
  const { appId, tenantId, capacity = 3500, windowMs = 10_000, timeScale = 1 } = options;
  const bucket = rateBucket(database, {
    budget: "graph-reads",
    appId,
    tenantId,
    capacity,
    windowMs,
    timeScale,
  });
  return {
    acquire: (units, now) => bucket.take(units, now, { minimum: units }),
    blockUntil: bucket.blockUntil,
    observeUsage: bucket.observeUsage,
  };
}

/** Lets every read through: for a worker given no read budget. */
export const unlimitedReads: ReadBudget = {
  acquire: async (units) => ({ granted: units, waitMs: 0 }),
  blockUntil: async () => {},
  observeUsage: async () => {},
};
