import "server-only";
import type { Database } from "../db/database";
import { MAX_BATCH_SIZE } from "../graph/batch";
import type { GraphClient } from "../graph/client";
import { backoffDelay } from "../graph/retry";
import { claimItems } from "./claim";
import { finishItem, markWritten, renewLeases, scheduleRetry } from "./item-lifecycle";
import { pause } from "./pause";
import type { ClaimedItem } from "./types";
import {
  graphErrorDetail,
  type VerifyTarget,
  type VerifyTiming,
  verifyWritten,
} from "./verify-batch";
import type { WriteBudget } from "./write-budget";
import { sendReprocessBatch, type WriteResult } from "./write-batch";

export interface WorkerLimits {
  /** Items leased per claim. */
  claimMax: number;
  leaseMs: number;
  /** Attempts (writes or checks) before a transient failure becomes final. */
  maxAttempts: number;
  /** Backoff for transient failures Graph gives no Retry-After for. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Pause when nothing is claimable. */
  idleMs: number;
  verify: VerifyTiming;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = {
  claimMax: 40,
  leaseMs: 60_000,
  maxAttempts: 6,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  idleMs: 1_000,
  verify: { timeoutMs: 60_000, quietMs: 6_000, firstDelayMs: 300, maxDelayMs: 2_000 },
};

export interface WorkerOptions {
  db: Database;
  /** A client whose own retries are off (maxRetries 0): the worker retries through the job store. */
  graph: GraphClient;
  /** This worker's id in leases. */
  owner: string;
  budget: WriteBudget;
  clock?: () => number;
  limits?: Partial<WorkerLimits>;
  signal: AbortSignal;
}

/**
 * Claims items fairly across jobs, reprocesses them in `$batch` requests under the shared write budget,
 * records each write before verifying, and finishes every item once; until `signal` aborts.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const { db, owner, signal } = options;
  const clock = options.clock ?? Date.now;
  const limits = { ...DEFAULT_WORKER_LIMITS, ...options.limits };
  while (!signal.aborted) {
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
    const held = new Set(items.map((item) => item.id));
    const renewal = setInterval(() => {
      void renewLeases(db, { owner, itemIds: [...held], leaseMs: limits.leaseMs, now: clock() });
    }, limits.leaseMs / 3);
    try {
      await workOn(options, limits, clock, items, held);
    } catch (error) {
      // A failed read or a database hiccup costs this claim a pause, not the worker.
      console.error(`[jobs] worker ${owner}: ${(error as Error).message}`);
      await pause(limits.idleMs, signal);
    } finally {
      clearInterval(renewal);
      // Whatever a stopped worker still holds goes back at once: unwritten items to be written, written to be checked.
      for (const item of items.filter((i) => held.has(i.id))) {
        await scheduleRetry(db, item, { at: clock(), attempts: item.attempts });
      }
    }
  }
}

async function workOn(
  options: WorkerOptions,
  limits: WorkerLimits,
  clock: () => number,
  items: ClaimedItem[],
  held: Set<number>,
): Promise<void> {
  const { db, budget, signal } = options;
  const toVerify: { item: ClaimedItem; target: VerifyTarget }[] = items
    .filter((item) => item.phase === "verify")
    .map((item) => ({ item, target: { userId: item.userId, writtenAt: item.writtenAt ?? 0 } }));
  let toWrite = items.filter((item) => item.phase === "write");
  while (toWrite.length > 0 && !signal.aborted) {
    const wanted = Math.min(MAX_BATCH_SIZE, toWrite.length);
    const grant = await budget.acquire(wanted, clock(), { priority: "bulk" });
    if (grant.granted === 0) {
      await pause(grant.waitMs, signal);
      continue;
    }
    const batch = toWrite.slice(0, grant.granted);
    toWrite = toWrite.slice(grant.granted);
    // Once sent, the batch's results are recorded even if the worker is being stopped.
    const results = await sendReprocessBatch(options.graph, batch);
    for (const [index, result] of results.entries()) {
      const item = batch[index]!;
      const verify = await settleWrite(options, limits, clock, item, result);
      if (verify) toVerify.push({ item, target: verify });
      else held.delete(item.id);
    }
  }
  if (signal.aborted || toVerify.length === 0) return;
  const outcomes = await verifyWritten(
    options.graph,
    toVerify.map((v) => v.target),
    limits.verify,
    signal,
  );
  // Stopped while checking: the written items go back (still written) for the next worker to check.
  if (!outcomes) return;
  for (const [index, { outcome, detail }] of outcomes.entries()) {
    const { item } = toVerify[index]!;
    await finishItem(db, item, { outcome, detail, now: clock() });
    held.delete(item.id);
  }
}

/** Records one write's result; returns what to verify when Graph accepted it. */
async function settleWrite(
  { db, budget }: WorkerOptions,
  limits: WorkerLimits,
  clock: () => number,
  item: ClaimedItem,
  result: WriteResult,
): Promise<VerifyTarget | undefined> {
  const now = clock();
  if (result.kind === "written") {
    await markWritten(db, item, now);
    return { userId: item.userId, before: result.before, writtenAt: now };
  }
  const attempts = item.attempts + 1;
  if (result.kind === "permanent" || attempts >= limits.maxAttempts) {
    const { error } = result;
    await finishItem(db, item, {
      outcome: "failed",
      detail: { message: error.message, graphError: graphErrorDetail(error) },
      now,
    });
    return undefined;
  }
  // Throttling is the tenant's, not this item's: every instance holds its writes until Retry-After.
  if (result.error.graph.status === 429 && result.retryAfterMs !== undefined) {
    await budget.blockUntil(now + result.retryAfterMs);
  }
  const backoff = backoffDelay(attempts - 1, {
    maxRetries: limits.maxAttempts,
    baseDelayMs: limits.backoffBaseMs,
    maxDelayMs: limits.backoffMaxMs,
    maxRetryAfterMs: Number.POSITIVE_INFINITY,
  });
  await scheduleRetry(db, item, {
    at: now + Math.max(backoff, result.retryAfterMs ?? 0),
    attempts,
  });
  return undefined;
}
