import "server-only";
import type { Database } from "../db/database";
import type { BatchItemResult } from "../graph/batch";
import type { GraphClient } from "../graph/client";
import { graphRequests } from "../graph/requests";
import type { GraphSubscribedSku } from "../graph/types";
import { readSubscribedSkus } from "../licensing/context";
import { JobCredentialsUnavailableError } from "./credentials-error";
import { groupBy } from "./group-by";
import { finishItem, scheduleRetry } from "./item-lifecycle";
import { pause } from "./pause";
import type { ReadBudget } from "./read-budget";
import type { ClaimedItem } from "./types";
import {
  decideOutcomes,
  groupsToName,
  isDone,
  type Observation,
  observe,
  type VerifyTarget,
  type VerifyTiming,
  watchMs,
} from "./verify-batch";

export interface VerifyLoopOptions {
  db: Database;
  graphForJob(jobId: string): Promise<GraphClient>;
  reads: ReadBudget;
  timing: VerifyTiming;
  clock: () => number;
  signal: AbortSignal;
  /** The item is no longer this worker's (finished or given back): stop renewing its lease. */
  release(itemId: number): void;
  /** Throttling or trouble Graph gives no Retry-After for: how long the loop waits. */
  backoffMs: number;
  /** How long to leave a job's items when its credentials are unavailable. */
  credentialsWaitMs: number;
  onCredentialsUnavailable?(jobId: string): void | Promise<void>;
}

interface Check {
  item: ClaimedItem;
  target: VerifyTarget;
  startedAt: number;
  /** Set on the first poll, once the subscriptions say whether a change is expected. */
  deadline?: number;
  nextAt: number;
  delay: number;
  seen: Observation;
}

export interface VerifyLoop {
  /** Starts checking a written item; the loop finishes it or, when stopped, leaves it to the worker. */
  add(item: ClaimedItem, target: VerifyTarget): void;
  /** Items being checked. */
  size(): number;
  /** Resolves once the loop has stopped (the signal aborted). */
  done: Promise<void>;
}

// Checks due within this of each other share one round of `$batch` reads.
const COALESCE_MS = 100;
const SKUS_TTL_MS = 60_000;

/**
 * Checks written items in `$batch` reads under the read budget until each has settled or its time is up,
 * then records its outcome: concurrently with the writes, which never wait behind a check.
 */
export function startVerifyLoop(options: VerifyLoopOptions): VerifyLoop {
  const { db, reads, timing, clock, signal, release } = options;
  const checks = new Map<number, Check>();
  const skusByJob = new Map<string, { skus: GraphSubscribedSku[]; at: number }>();
  let wake: (() => void) | undefined;

  async function takeReads(units: number): Promise<boolean> {
    while (!signal.aborted) {
      const grant = await reads.acquire(units, clock());
      if (grant.granted > 0) return true;
      await pause(grant.waitMs, signal);
    }
    return false;
  }

  async function skusFor(jobId: string, graph: GraphClient): Promise<GraphSubscribedSku[]> {
    const cached = skusByJob.get(jobId);
    if (cached && clock() - cached.at < SKUS_TTL_MS) return cached.skus;
    // subscribedSkus costs 3 ResourceUnits.
    await takeReads(3);
    const skus = await readSubscribedSkus(graph);
    skusByJob.set(jobId, { skus, at: clock() });
    return skus;
  }

  async function giveBack(jobChecks: Check[], at: number): Promise<void> {
    for (const check of jobChecks) {
      await scheduleRetry(db, check.item, { at, attempts: check.item.attempts });
      checks.delete(check.item.id);
      release(check.item.id);
    }
  }

  async function settleThrottling(results: BatchItemResult[]): Promise<void> {
    const now = clock();
    const usages = results.flatMap((r) => (r.ok && r.usage !== undefined ? [r.usage] : []));
    if (usages.length > 0) await reads.observeUsage(Math.max(...usages), now, now);
    const waits = results.flatMap((r) =>
      !r.ok && r.error.graph.status === 429
        ? [r.error.throttle.retryAfterMs ?? options.backoffMs]
        : [],
    );
    if (waits.length > 0) await reads.blockUntil(now + Math.max(...waits));
  }

  async function poll(jobId: string, due: Check[]): Promise<void> {
    let graph: GraphClient;
    try {
      graph = await options.graphForJob(jobId);
    } catch (error) {
      if (!(error instanceof JobCredentialsUnavailableError)) throw error;
      await giveBack(due, clock() + options.credentialsWaitMs);
      await options.onCredentialsUnavailable?.(jobId);
      return;
    }
    const skus = await skusFor(jobId, graph);
    // Each user read with $select costs one ResourceUnit.
    if (!(await takeReads(due.length))) return;
    const results = await graph.batch(
      due.map((c) => graphRequests.userForSnapshot(c.target.userId)),
    );
    await settleThrottling(results);
    const now = clock();
    const finished: Check[] = [];
    due.forEach((check, index) => {
      check.deadline ??= check.startedAt + watchMs(check.target, skus, timing);
      check.seen = observe(check.target, check.seen, results[index]!);
      if (isDone(check.seen) || now >= check.deadline) finished.push(check);
      else {
        check.delay = Math.min(timing.maxDelayMs, check.delay * 1.6);
        check.nextAt = Math.min(now + check.delay, check.deadline);
      }
    });
    if (finished.length === 0) return;
    await takeReads(groupsToName(finished).length);
    const outcomes = await decideOutcomes(
      graph,
      skus,
      finished.map((c) => ({ target: c.target, seen: c.seen, waitedMs: now - c.startedAt })),
    );
    for (const [index, { outcome, detail }] of outcomes.entries()) {
      const { item } = finished[index]!;
      await finishItem(db, item, { outcome, detail, now: clock() });
      checks.delete(item.id);
      release(item.id);
    }
  }

  async function run(): Promise<void> {
    signal.addEventListener("abort", () => wake?.(), { once: true });
    while (!signal.aborted) {
      const now = clock();
      const nextAt = Math.min(...[...checks.values()].map((c) => c.nextAt));
      if (!(nextAt <= now)) {
        // Nothing due: sleep until the next check is, or an item is added, or the worker stops.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Number.isFinite(nextAt) ? nextAt - now : 60_000);
          function done() {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          }
          wake = done;
        });
        continue;
      }
      const due = [...checks.values()].filter((c) => c.nextAt <= now + COALESCE_MS);
      for (const [jobId, jobChecks] of groupBy(due, (c) => c.item.jobId)) {
        if (signal.aborted) return;
        try {
          await poll(jobId, jobChecks);
        } catch (error) {
          // A database or token hiccup delays these checks; it does not stop the loop.
          console.error(`[jobs] checking job ${jobId}: ${(error as Error).message}`);
          for (const check of jobChecks) check.nextAt = clock() + options.backoffMs;
        }
      }
    }
  }

  return {
    add(item, target) {
      const now = clock();
      checks.set(item.id, {
        item,
        target,
        startedAt: now,
        nextAt: now + timing.firstDelayMs,
        delay: timing.firstDelayMs,
        seen: { settled: false },
      });
      wake?.();
    },
    size: () => checks.size,
    done: run(),
  };
}
