import type { LoggedRequest } from "@/lib/testing/emulator-types";
import { requestCost } from "@/lib/server/graph/pacing/costs";

/** What one way of reading cost, counted from the emulator's request log. */
export interface LogCounts {
  /** HTTP requests: a `$batch` envelope is one. */
  requests: number;
  /** Requests carried inside `$batch` envelopes. */
  batchItems: number;
  resourceUnits: number;
  throttled: number;
  /** Pages of each collection read, by path below the version. */
  pages: Map<string, number>;
}

const isEnvelope = (request: LoggedRequest) => /\/\$batch$/i.test(request.path);
const belowVersion = (path: string) => path.replace(/^\/(v1\.0|beta)(?=\/)/i, "");

/** Counts from the log; ResourceUnits by Graph's published costs, each `$batch` item at its own. */
export function countLog(log: readonly LoggedRequest[]): LogCounts {
  const pages = new Map<string, number>();
  let resourceUnits = 0;
  for (const request of log) {
    if (isEnvelope(request)) continue;
    const path = belowVersion(request.path);
    const query = request.query ? `?${request.query}` : "";
    resourceUnits += requestCost(request.method, `${path}${query}`).resourceUnits;
    pages.set(path, (pages.get(path) ?? 0) + 1);
  }
  return {
    requests: log.filter((r) => r.batchSeq === undefined).length,
    batchItems: log.filter((r) => r.batchSeq !== undefined).length,
    resourceUnits,
    throttled: log.filter((r) => r.status === 429).length,
    pages,
  };
}

/** The read budget's shape: a bucket of `capacity` ResourceUnits refilling at `perSecond`. */
export interface ReadBudget {
  capacity: number;
  perSecond: number;
  latencyMs: number;
}

/**
 * The least time the budget and the latency allow for reads that cost `resourceUnits` and include a
 * chain of `chain` requests that must follow one another: whichever binds, the budget (from a full
 * bucket, plus the last answer's trip) or the chain's round trips.
 */
export function readMinimumMs(resourceUnits: number, chain: number, budget: ReadBudget): number {
  const budgetMs =
    (Math.max(0, resourceUnits - budget.capacity) / budget.perSecond) * 1000 + budget.latencyMs;
  return Math.max(budgetMs, chain * budget.latencyMs);
}
