import "server-only";
import type { Database } from "../db/database";
import { type Grant, rateBucket } from "./rate-bucket";

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

export type WriteGrant = Grant;

export interface WriteBudget {
  /** Takes up to `n` tokens, at least `minimum` (default 1), or says how long to wait for `minimum`. */
  acquire(
    n: number,
    now: number,
    options?: { priority?: WritePriority; minimum?: number },
  ): Promise<WriteGrant>;
  /** Graph answered 429 with Retry-After: every instance waits until then, and refills from empty. */
  blockUntil(until: number): Promise<void>;
  /** Graph's `x-ms-throttle-limit-percentage` on a write it answered at `answeredAt`. */
  observeUsage(usage: number, answeredAt: number, now: number): Promise<void>;
  /** How long `n` bulk writes would take from now at the budget's pace. */
  estimateMs(n: number, now: number): Promise<number>;
}

/** A token bucket for Graph writes, kept in one database row that every instance shares. */
export function writeBudget(database: Database, options: WriteBudgetOptions): WriteBudget {
  const { appId, tenantId, capacity = 3000, windowMs = 150_000 } = options;
  const { interactiveReserve = 20, timeScale = 1 } = options;
  const bucket = rateBucket(database, {
    budget: "graph-writes",
    appId,
    tenantId,
    capacity,
    windowMs,
    timeScale,
  });
  return {
    acquire: (n, now, { priority = "bulk", minimum = 1 } = {}) =>
      bucket.take(n, now, { floor: priority === "interactive" ? 0 : interactiveReserve, minimum }),
    blockUntil: bucket.blockUntil,
    observeUsage: bucket.observeUsage,
    async estimateMs(n, now) {
      const { level, blockedUntil } = await bucket.peek(now);
      const start = Math.max(now, blockedUntil);
      return start - now + Math.max(0, n + interactiveReserve - level) / bucket.perMs;
    },
  };
}
