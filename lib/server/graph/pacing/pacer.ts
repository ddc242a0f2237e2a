import "server-only";
import type { Database } from "@/lib/server/db/database";
import { sleep } from "@/lib/server/async/sleep";
import { ApiError } from "@/lib/server/http/api-error";
import type { GraphCost } from "./costs";
import { sharedBucket } from "./shared-bucket";

/** Interactive calls (a person waiting) go first; bulk work leaves them a reserve in every limit. */
export type GraphPriority = "interactive" | "bulk";

/** Graph's two identity limits per app and tenant that the pacer keeps under. */
export type GraphLimit = "writes" | "resourceUnits";

export interface LimitShape {
  capacity: number;
  windowMs: number;
}

export interface PacerOptions {
  appId: string;
  tenantId: string;
  /** 3,000 writes per 150 s. */
  writes: LimitShape;
  /** 3,500 to 8,000 ResourceUnits per 10 s, by tenant size. */
  resourceUnits: LimitShape;
  /** Windows are divided by this, as the emulator does, so tests can watch refills in milliseconds. */
  timeScale?: number;
  /** What bulk work leaves free for interactive calls, per limit; see reserveOf for the defaults. */
  interactiveReserve?: Partial<Record<GraphLimit, number>>;
  clock?: () => number;
}

export interface AdmitOptions {
  priority: GraphPriority;
  /** Ends the wait (the worker is stopping): admit then throws the signal's reason. */
  signal?: AbortSignal;
  /** Longer than this, an interactive call is answered "throttled" rather than kept waiting. */
  maxWaitMs?: number;
}

export interface GraphPacer {
  /** Takes `cost` from every limit at once, or says how long until it fits (ms; 0 = taken). */
  tryTake(cost: GraphCost, priority: GraphPriority): Promise<number>;
  /** Waits until `cost` may be sent. */
  admit(cost: GraphCost, options: AdmitOptions): Promise<void>;
  /** Graph answered 429 for `limit`: every caller on every instance waits until Retry-After has passed. */
  throttled(limit: GraphLimit, retryAfterMs: number): Promise<void>;
  /** Graph's `x-ms-throttle-limit-percentage` on an answer: the bucket drops to what Graph has left. */
  observeUsage(limit: GraphLimit, usage: number): Promise<void>;
  /** How long `writes` bulk writes would take from now at the pace of the write limit. */
  estimateWritesMs(writes: number): Promise<number>;
}

/** A person waits this long at most for the tenant's budget before hearing "throttled". */
export const INTERACTIVE_WAIT_MS = 5_000;

/** What bulk work leaves free: 20 writes (a few reprocess clicks) and a tenth of the ResourceUnits. */
const reserveOf = (limit: GraphLimit, capacity: number) =>
  Math.min(Math.floor(capacity / 2), limit === "writes" ? 20 : Math.floor(capacity / 10));

const LIMITS: readonly GraphLimit[] = ["writes", "resourceUnits"];

/** A request costs more than its priority may ever hold at once: waiting would never end. */
export class RequestTooLargeError extends Error {
  constructor(limit: GraphLimit, cost: number, share: number, priority: GraphPriority) {
    super(
      `A Graph request costing ${cost} ${limit === "writes" ? "writes" : "ResourceUnits"} can never fit ` +
        `the ${share} that ${priority} work may use of this tenant's limit; raise ` +
        `${limit === "writes" ? "GRAPH_WRITE_LIMIT" : "GRAPH_READ_LIMIT"} or send smaller requests.`,
    );
    this.name = "RequestTooLargeError";
  }
}

/**
 * The tenant's Graph budget: one token bucket per limit, kept in database rows that every instance
 * shares, so the scan, single-user calls and every job's workers together stay under Graph's limits.
 */
export function databasePacer(database: Database, options: PacerOptions): GraphPacer {
  const { appId, tenantId, timeScale = 1 } = options;
  const clock = options.clock ?? Date.now;
  const buckets = {
    writes: sharedBucket(database, {
      budget: "graph-writes",
      appId,
      tenantId,
      timeScale,
      ...options.writes,
    }),
    resourceUnits: sharedBucket(database, {
      budget: "graph-reads",
      appId,
      tenantId,
      timeScale,
      ...options.resourceUnits,
    }),
  };
  const floor = (limit: GraphLimit, priority: GraphPriority) =>
    priority === "interactive"
      ? 0
      : (options.interactiveReserve?.[limit] ?? reserveOf(limit, buckets[limit].capacity));

  async function tryTake(cost: GraphCost, priority: GraphPriority): Promise<number> {
    const taken: GraphLimit[] = [];
    for (const limit of LIMITS) {
      const n = cost[limit];
      if (n === 0) continue;
      const lowest = floor(limit, priority);
      const share = buckets[limit].capacity - lowest;
      if (n > share) throw new RequestTooLargeError(limit, n, share, priority);
      const now = clock();
      const waitMs = await buckets[limit].take(n, now, lowest);
      if (waitMs > 0) {
        // All or nothing: a request that cannot be sent now keeps nothing of the other limit.
        for (const done of taken) await buckets[done].refund(cost[done], now);
        return waitMs;
      }
      taken.push(limit);
    }
    return 0;
  }

  return {
    tryTake,
    async admit(cost, { priority, signal, maxWaitMs }) {
      const patience = maxWaitMs ?? (priority === "interactive" ? INTERACTIVE_WAIT_MS : Infinity);
      const started = clock();
      for (;;) {
        signal?.throwIfAborted();
        const waitMs = await tryTake(cost, priority);
        if (waitMs === 0) return;
        const waited = clock() - started;
        if (waited + waitMs > patience) {
          const seconds = Math.ceil(waitMs / 1000);
          throw new ApiError(
            "throttled",
            `Microsoft Graph's ${cost.writes > 0 ? "write" : "read"} limit for this tenant is used up for now; try again in ${seconds} s.`,
            { retryAfterSeconds: seconds },
          );
        }
        await sleep(waitMs, signal);
      }
    },
    throttled: (limit, retryAfterMs) => buckets[limit].blockUntil(clock() + retryAfterMs),
    observeUsage: (limit, usage) => {
      const now = clock();
      return buckets[limit].observeUsage(usage, now, now);
    },
    async estimateWritesMs(writes) {
      const now = clock();
      const bucket = buckets.writes;
      const { level, blockedUntil } = await bucket.peek(now);
      const start = Math.max(now, blockedUntil);
      const needed = writes + floor("writes", "bulk") - level;
      return start - now + Math.max(0, needed) / bucket.perMs;
    },
  };
}

/** No budget at all: for the benchmark's unpaced strategies, which show what pacing saves. */
export const unpaced: GraphPacer = {
  tryTake: async () => 0,
  admit: async () => {},
  throttled: async () => {},
  observeUsage: async () => {},
  estimateWritesMs: async () => 0,
};
