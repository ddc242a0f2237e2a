import "server-only";
import type { Database } from "../db/database";
import { MAX_BATCH_SIZE } from "../graph/batch";
import type { GraphClient } from "../graph/client";
import { backoffDelay } from "../graph/retry";
import { failingStates } from "../licensing/settle";
import { claimItems } from "./claim";
import { JobCredentialsUnavailableError } from "./credentials-error";
import { groupBy } from "./group-by";
import { finishItem, markWritten, renewLeases, scheduleRetry } from "./item-lifecycle";
import { acceptsWrites, readJobStatus } from "./job-status";
import { pause } from "./pause";
import { type ReadBudget, unlimitedReads } from "./read-budget";
import type { ClaimedItem } from "./types";
import { graphErrorDetail, type VerifyTiming } from "./verify-batch";
import { startVerifyLoop, type VerifyLoop } from "./verify-loop";
import type { WriteBudget } from "./write-budget";
import { sendReprocessBatch, type WriteResult } from "./write-batch";

export interface WorkerLimits {
  /** Items leased per claim. */
  claimMax: number;
  /** `$batch` writes one worker has in flight: the budget's pace, not the round trip, sets the speed. */
  batchesInFlight: number;
  /** Written items being checked above which the worker claims nothing new. */
  maxChecking: number;
  leaseMs: number;
  /** Attempts (writes or checks) before a transient failure becomes final. */
  maxAttempts: number;
  /** Backoff for transient failures Graph gives no Retry-After for. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Pause when nothing is claimable. */
  idleMs: number;
  /** How long a job's items wait when its credentials are unavailable. */
  credentialsWaitMs: number;
  verify: VerifyTiming;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = {
  claimMax: 60,
  batchesInFlight: 3,
  maxChecking: 400,
  leaseMs: 60_000,
  maxAttempts: 6,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  idleMs: 1_000,
  credentialsWaitMs: 10_000,
  verify: { timeoutMs: 60_000, quietMs: 6_000, firstDelayMs: 500, maxDelayMs: 1_000 },
};

export interface WorkerOptions {
  db: Database;
  /**
   * The job's Graph client, its own retries off (maxRetries 0): the worker retries through the job store.
   * Throws JobCredentialsUnavailableError when no token can be had for the job now.
   */
  graphForJob(jobId: string): Promise<GraphClient>;
  /** Called when graphForJob said the job's credentials are unavailable; its items were given back. */
  onCredentialsUnavailable?(jobId: string): void | Promise<void>;
  /** This worker's id in leases. */
  owner: string;
  budget: WriteBudget;
  /** Graph's ResourceUnits, shared like the write budget; unlimited when absent. */
  reads?: ReadBudget;
  clock?: () => number;
  limits?: Partial<WorkerLimits>;
  signal: AbortSignal;
}

interface Worker {
  options: WorkerOptions;
  limits: WorkerLimits;
  clock: () => number;
  reads: ReadBudget;
  /** Every item this worker leases, until finished or given back: their leases are renewed. */
  held: Map<number, ClaimedItem>;
  checks: VerifyLoop;
}

/**
 * Claims items fairly across jobs and reprocesses them per job in `$batch` requests at the shared write
 * budget's pace, records each write, and hands it to a verify loop that checks and finishes it meanwhile;
 * until `signal` aborts, when everything still held goes back.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const { db, owner, signal } = options;
  const clock = options.clock ?? Date.now;
  const limits = { ...DEFAULT_WORKER_LIMITS, ...options.limits };
  const reads = options.reads ?? unlimitedReads;
  const held = new Map<number, ClaimedItem>();
  const checks = startVerifyLoop({
    db,
    graphForJob: options.graphForJob,
    reads,
    timing: limits.verify,
    clock,
    signal,
    release: (itemId) => held.delete(itemId),
    backoffMs: limits.backoffBaseMs,
    credentialsWaitMs: limits.credentialsWaitMs,
    onCredentialsUnavailable: options.onCredentialsUnavailable,
  });
  const renewal = setInterval(() => {
    renewLeases(db, {
      owner,
      itemIds: [...held.keys()],
      leaseMs: limits.leaseMs,
      now: clock(),
    }).catch((error: Error) =>
      console.error(`[jobs] worker ${owner}: renewing leases: ${error.message}`),
    );
  }, limits.leaseMs / 3);
  const worker: Worker = { options, limits, clock, reads, held, checks };
  try {
    await writeLoop(worker);
  } finally {
    await checks.done;
    clearInterval(renewal);
    // Whatever a stopped worker still holds goes back at once: unwritten items to be written, written to be checked.
    for (const item of held.values()) {
      await scheduleRetry(db, item, { at: clock(), attempts: item.attempts });
    }
  }
}

async function writeLoop(worker: Worker): Promise<void> {
  const { options, limits, clock, held, checks } = worker;
  const { db, owner, signal } = options;
  while (!signal.aborted) {
    try {
      if (checks.size() >= limits.maxChecking) {
        await pause(limits.idleMs, signal);
        continue;
      }
      const items = await claimItems(db, {
        owner,
        max: limits.claimMax,
        leaseMs: limits.leaseMs,
        now: clock(),
      });
      if (items.length === 0) {
        await pause(limits.idleMs, signal);
        continue;
      }
      for (const item of items) held.set(item.id, item);
      for (const item of items.filter((i) => i.phase === "verify")) {
        checks.add(item, { userId: item.userId, writtenAt: item.writtenAt ?? 0 });
      }
      const toWrite = items.filter((i) => i.phase === "write");
      for (const [jobId, jobItems] of groupBy(toWrite, (i) => i.jobId)) {
        await writeJobItems(worker, jobId, jobItems);
      }
    } catch (error) {
      // A failed read or a database hiccup costs this round a pause, not the worker.
      console.error(`[jobs] worker ${owner}: ${(error as Error).message}`);
      await pause(limits.idleMs, signal);
    }
  }
}

async function giveBack(worker: Worker, items: ClaimedItem[], at: number): Promise<void> {
  for (const item of items) {
    await scheduleRetry(worker.options.db, item, { at, attempts: item.attempts });
    worker.held.delete(item.id);
  }
}

/** Writes one job's items, a `$batch` at a time as the budget allows, while the job still accepts writes. */
async function writeJobItems(worker: Worker, jobId: string, items: ClaimedItem[]): Promise<void> {
  const { options, limits, clock } = worker;
  const { db, budget, signal } = options;
  let graph: GraphClient;
  try {
    graph = await options.graphForJob(jobId);
  } catch (error) {
    if (!(error instanceof JobCredentialsUnavailableError)) throw error;
    await giveBack(worker, items, clock() + limits.credentialsWaitMs);
    await options.onCredentialsUnavailable?.(jobId);
    return;
  }
  let rest = items;
  const inFlight = new Set<Promise<void>>();
  try {
    while (rest.length > 0 && !signal.aborted) {
      // Paused or cancelled meanwhile: nothing more is sent; a cancel finalizes the returned items itself.
      if (!acceptsWrites(await readJobStatus(db, jobId)))
        return await giveBack(worker, rest, clock());
      if (inFlight.size >= limits.batchesInFlight) {
        await Promise.race(inFlight);
        continue;
      }
      // Full batches: a partial grant would spend round trips and ResourceUnits on fewer writes.
      const wanted = Math.min(MAX_BATCH_SIZE, rest.length);
      const grant = await budget.acquire(wanted, clock(), { priority: "bulk", minimum: wanted });
      if (grant.granted === 0) {
        await pause(grant.waitMs, signal);
        continue;
      }
      const batch = rest.slice(0, grant.granted);
      rest = rest.slice(grant.granted);
      // The snapshot read and the write each cost a ResourceUnit.
      if (!(await takeReads(worker, 2 * batch.length))) return;
      const sending = sendAndSettle(worker, graph, batch).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
      // Its failure is rethrown below once every batch has settled, not reported as unhandled.
      sending.catch(() => {});
    }
  } finally {
    // Once sent, a batch's results are recorded even if the worker is being stopped.
    const settled = await Promise.allSettled(inFlight);
    const failure = settled.find((r) => r.status === "rejected");
    if (failure) throw failure.reason;
  }
}

async function sendAndSettle(worker: Worker, graph: GraphClient, batch: ClaimedItem[]) {
  const { results, readsRetryAfterMs } = await sendReprocessBatch(graph, batch);
  if (readsRetryAfterMs !== undefined) {
    await worker.reads.blockUntil(worker.clock() + readsRetryAfterMs);
  }
  await observeUsage(worker, results);
  for (const [index, result] of results.entries()) {
    await settleWrite(worker, batch[index]!, result);
  }
}

/** Waits for `units` ResourceUnits; false when the worker was stopped meanwhile. */
async function takeReads(worker: Worker, units: number): Promise<boolean> {
  const { signal } = worker.options;
  while (!signal.aborted) {
    const grant = await worker.reads.acquire(units, worker.clock());
    if (grant.granted > 0) return true;
    await pause(grant.waitMs, signal);
  }
  return false;
}

/** Graph's usage header on the writes pulls the shared budget down to what Graph has left. */
async function observeUsage(worker: Worker, results: WriteResult[]): Promise<void> {
  const usages = results.flatMap((r) =>
    r.kind === "written" && r.usage !== undefined ? [r.usage] : [],
  );
  if (usages.length === 0) return;
  const now = worker.clock();
  await worker.options.budget.observeUsage(Math.max(...usages), now, now);
}

/**
 * The reading from before this write, unless it shows no errors while an earlier send may have fixed the user:
 * the job selected them in error, so the outcome is judged from that, not as "had no license errors".
 */
function beforeToJudgeBy(item: ClaimedItem, result: WriteResult & { kind: "written" }) {
  const { before } = result;
  if (before && item.mayHaveBeenSent && failingStates(before.user).length === 0) return undefined;
  return before;
}

/** Records one write's result: a written item is handed to the checks, others retried or failed. */
async function settleWrite(worker: Worker, item: ClaimedItem, result: WriteResult): Promise<void> {
  const { options, limits, clock, reads, held, checks } = worker;
  const { db, budget } = options;
  const now = clock();
  if (result.kind === "written") {
    // Not recorded means another worker took the item over: it is theirs to check.
    if (await markWritten(db, item, now)) {
      checks.add(item, {
        userId: item.userId,
        before: beforeToJudgeBy(item, result),
        writtenAt: now,
      });
    } else held.delete(item.id);
    return;
  }
  const attempts = item.attempts + 1;
  if (result.kind === "permanent" || attempts >= limits.maxAttempts) {
    const { error } = result;
    await finishItem(db, item, {
      outcome: "failed",
      detail: { message: error.message, graphError: graphErrorDetail(error) },
      now,
    });
    held.delete(item.id);
    return;
  }
  // Throttling is the tenant's, not this item's: every instance holds off until Retry-After.
  if (result.error.graph.status === 429 && result.retryAfterMs !== undefined) {
    const until = now + result.retryAfterMs;
    if (result.error.throttle.information === "ResourceUnitLimitExceeded") {
      await reads.blockUntil(until);
    } else await budget.blockUntil(until);
  }
  const backoff = backoffDelay(attempts - 1, {
    maxRetries: limits.maxAttempts,
    baseDelayMs: limits.backoffBaseMs,
    maxDelayMs: limits.backoffMaxMs,
    maxRetryAfterMs: Number.POSITIVE_INFINITY,
  });
  await scheduleRetry(db, item, {
    at: Math.ceil(now + Math.max(backoff, result.retryAfterMs ?? 0)),
    attempts,
  });
  held.delete(item.id);
}
