import "server-only";
import { groupBy } from "@/lib/server/async/group-by";
import { sleep } from "@/lib/server/async/sleep";
import type { Database } from "@/lib/server/db/database";
import { MAX_BATCH_SIZE } from "@/lib/server/graph/batch";
import type { GraphClient } from "@/lib/server/graph/client";
import { backoffDelay } from "@/lib/server/graph/retry";
import { failingStates, type WatchTiming, watchTiming } from "@/lib/server/licensing/verdict";
import { JobCredentialsUnavailableError } from "../credentials/credentials-error";
import { claimItems, finishItem, markWritten, renewLeases, scheduleRetry } from "../store/items";
import { acceptsWrites, readJobStatus } from "../store/job-status";
import type { ClaimedItem } from "../store/types";
import { type CheckLoop, graphErrorDetail, startCheckLoop } from "./check-loop";
import { sendReprocessBatch, type WriteResult } from "./write-batch";

export interface WorkerLimits {
  /** Items leased per claim. */
  claimMax: number;
  /** `$batch` writes one worker has in flight: the tenant's budget, not the round trip, sets the speed. */
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
  /** How often a job's status is read while its batches wait for the budget, so a pause or cancel stops them. */
  statusPollMs: number;
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
  statusPollMs: 1_000,
};

export interface WorkerOptions {
  db: Database;
  /**
   * The job's Graph client at bulk priority, its own retries off (maxRetries 0): the worker retries
   * through the job store. Throws JobCredentialsUnavailableError when no token can be had for the job now.
   */
  graphForJob(jobId: string): Promise<GraphClient>;
  /** Called when graphForJob said the job's credentials are unavailable; its items were given back. */
  onCredentialsUnavailable?(jobId: string): void | Promise<void>;
  /** This worker's id in leases. */
  owner: string;
  clock?: () => number;
  limits?: Partial<WorkerLimits>;
  /** How written users are watched; the single-user flow's timing unless told otherwise. */
  timing?: WatchTiming;
  signal: AbortSignal;
}

interface Worker {
  options: WorkerOptions;
  limits: WorkerLimits;
  clock: () => number;
  /** Every item this worker leases, until finished or given back: their leases are renewed. */
  held: Map<number, ClaimedItem>;
  checks: CheckLoop;
}

/**
 * Claims items fairly across jobs and reprocesses them per job in `$batch` requests, which the Graph
 * client paces under the tenant's shared budget; records each write and hands it to a check loop that
 * finishes it meanwhile; until `signal` aborts, when everything still held goes back.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const { db, owner, signal } = options;
  const clock = options.clock ?? Date.now;
  const limits = { ...DEFAULT_WORKER_LIMITS, ...options.limits };
  const held = new Map<number, ClaimedItem>();
  const checks = startCheckLoop({
    db,
    graphForJob: options.graphForJob,
    timing: options.timing ?? watchTiming(),
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
  const worker: Worker = { options, limits, clock, held, checks };
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
        await sleep(limits.idleMs, signal);
        continue;
      }
      const items = await claimItems(db, {
        owner,
        max: limits.claimMax,
        leaseMs: limits.leaseMs,
        now: clock(),
      });
      if (items.length === 0) {
        await sleep(limits.idleMs, signal);
        continue;
      }
      for (const item of items) held.set(item.id, item);
      for (const item of items.filter((i) => i.phase === "verify")) {
        checks.add(item, { causeFixed: false, writtenAt: item.writtenAt ?? 0 });
      }
      const toWrite = items.filter((i) => i.phase === "write");
      for (const [jobId, jobItems] of groupBy(toWrite, (i) => i.jobId)) {
        await writeJobItems(worker, jobId, jobItems);
      }
    } catch (error) {
      if (signal.aborted) break;
      // A failed read or a database hiccup costs this round a pause, not the worker.
      console.error(`[jobs] worker ${owner}: ${(error as Error).message}`);
      await sleep(limits.idleMs, signal);
    }
  }
}

async function giveBack(worker: Worker, items: ClaimedItem[], at: number): Promise<void> {
  for (const item of items) {
    await scheduleRetry(worker.options.db, item, { at, attempts: item.attempts });
    worker.held.delete(item.id);
  }
}

/**
 * Aborts when the worker stops or the job no longer accepts writes (paused, cancelled), so batches
 * waiting for the budget send nothing more.
 */
function whileJobAcceptsWrites(worker: Worker, jobId: string) {
  const { db, signal } = worker.options;
  const stopped = new AbortController();
  const watch = setInterval(() => {
    readJobStatus(db, jobId)
      .then((status) => {
        if (!acceptsWrites(status)) stopped.abort();
      })
      .catch(() => {});
  }, worker.limits.statusPollMs);
  return { signal: AbortSignal.any([signal, stopped.signal]), stop: () => clearInterval(watch) };
}

/** Writes one job's items, a `$batch` at a time with a few in flight, while the job still accepts writes. */
async function writeJobItems(worker: Worker, jobId: string, items: ClaimedItem[]): Promise<void> {
  const { options, limits, clock } = worker;
  const { db } = options;
  let graph: GraphClient;
  try {
    graph = await options.graphForJob(jobId);
  } catch (error) {
    if (!(error instanceof JobCredentialsUnavailableError)) throw error;
    await giveBack(worker, items, clock() + limits.credentialsWaitMs);
    await options.onCredentialsUnavailable?.(jobId);
    return;
  }
  const job = whileJobAcceptsWrites(worker, jobId);
  let rest = items;
  const inFlight = new Set<Promise<void>>();
  try {
    while (rest.length > 0 && !job.signal.aborted) {
      // Paused or cancelled meanwhile: nothing more is sent; a cancel finalizes the returned items itself.
      if (!acceptsWrites(await readJobStatus(db, jobId))) break;
      if (inFlight.size >= limits.batchesInFlight) {
        await Promise.race(inFlight);
        continue;
      }
      const batch = rest.slice(0, MAX_BATCH_SIZE);
      rest = rest.slice(batch.length);
      const sending = sendAndRecord(worker, graph, batch, job.signal).finally(() =>
        inFlight.delete(sending),
      );
      inFlight.add(sending);
      // Its failure is rethrown below once every batch has settled, not reported as unhandled.
      sending.catch(() => {});
    }
  } finally {
    // Once sent, a batch's results are recorded even if the worker is being stopped.
    const settled = await Promise.allSettled(inFlight);
    job.stop();
    await giveBack(worker, rest, clock());
    const failure = settled.find((r) => r.status === "rejected");
    if (failure) throw failure.reason;
  }
}

async function sendAndRecord(
  worker: Worker,
  graph: GraphClient,
  batch: ClaimedItem[],
  signal: AbortSignal,
): Promise<void> {
  let results: WriteResult[];
  try {
    results = await sendReprocessBatch(graph, batch, signal);
  } catch (error) {
    // Stopped while waiting for the budget: nothing of this batch was sent, so it simply goes back.
    if (!signal.aborted) throw error;
    return giveBack(worker, batch, worker.clock());
  }
  for (const [index, result] of results.entries()) {
    await recordWrite(worker, batch[index]!, result);
  }
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
async function recordWrite(worker: Worker, item: ClaimedItem, result: WriteResult): Promise<void> {
  const { options, limits, clock, held, checks } = worker;
  const { db } = options;
  const now = clock();
  if (result.kind === "written") {
    // Not recorded means another worker took the item over: it is theirs to check.
    if (await markWritten(db, item, now)) {
      checks.add(item, {
        before: beforeToJudgeBy(item, result),
        causeFixed: false,
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
  // The Graph client has held the tenant's budget until Retry-After; this item waits at least as long.
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
