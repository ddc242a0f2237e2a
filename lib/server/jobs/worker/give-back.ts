import "server-only";
import { sleep } from "@/lib/server/async/sleep";
import type { Database } from "@/lib/server/db/database";
import type { GraphClient } from "@/lib/server/graph/client";
import { finishItem, scheduleRetry } from "../store/items";
import type { ClaimedItem } from "../store/types";
import type { CheckLoop } from "./check-loop";
import { retryDelayMs, type WorkerLimits } from "./limits";

/** What the parts of one worker share: its items, their leases and its check loop. */
export interface WorkerContext {
  db: Database;
  owner: string;
  graphForJob(jobId: string): Promise<GraphClient>;
  onCredentialsUnavailable?(jobId: string): void | Promise<void>;
  signal: AbortSignal;
  limits: WorkerLimits;
  clock: () => number;
  /** Every item this worker leases, until finished or given back: their leases are renewed. */
  held: Map<number, ClaimedItem>;
  checks: CheckLoop;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Items back to the queue unattempted (a stop, a pause, credentials): due again at `at`. */
export async function giveBack(
  worker: WorkerContext,
  items: ClaimedItem[],
  at: number,
): Promise<void> {
  for (const item of items) {
    await scheduleRetry(worker.db, item, { at, attempts: item.attempts, now: worker.clock() });
    worker.held.delete(item.id);
  }
}

/** What the worker holds for writing (not for checking): what an error on the write side strands. */
export const heldForWriting = (worker: WorkerContext) =>
  [...worker.held.values()].filter((item) => !worker.checks.has(item.id));

/** Back to the queue with the attempt counted; attempts spent, final and saying so. */
async function releaseOne(worker: WorkerContext, item: ClaimedItem, error: unknown) {
  const { db, limits, clock } = worker;
  const attempts = item.attempts + 1;
  const now = clock();
  if (attempts < limits.maxAttempts) {
    await scheduleRetry(db, item, { at: now + retryDelayMs(attempts, limits), attempts, now });
    return;
  }
  await finishItem(db, item, {
    outcome: "failed",
    detail: {
      message:
        `Gave up after ${attempts} attempts; the last failed inside Licensedesk: ${errorText(error)}. ` +
        "A reprocess may have reached Microsoft Graph: check this user again.",
    },
    now,
  });
}

/**
 * After an error that is not Graph's answer (the database, a token, a bug): the items stop being renewed
 * at once and go back to the queue with the attempt counted, or, attempts spent, end failed, saying so.
 * Should the database refuse that too, it is asked again with backoff for half a lease; after that (or
 * on a stop) their leases run out and they are claimed again.
 */
export async function releaseAfterError(
  worker: WorkerContext,
  items: ClaimedItem[],
  error: unknown,
): Promise<void> {
  const { owner, limits, clock, held, signal } = worker;
  for (const item of items) held.delete(item.id);
  const back = items.length > 0 ? `; ${items.length} user(s) back to the queue` : "";
  console.error(`[jobs] worker ${owner}: ${errorText(error)}${back}`);
  const giveUpAt = clock() + limits.leaseMs / 2;
  let pending = items;
  for (let failures = 1; pending.length > 0; failures++) {
    try {
      for (const item of pending) {
        await releaseOne(worker, item, error);
        pending = pending.slice(1);
      }
    } catch (releaseError) {
      const delay = retryDelayMs(failures, limits);
      if (signal.aborted || clock() + delay > giveUpAt) {
        console.error(
          `[jobs] worker ${owner}: ${errorText(releaseError)}; the leases of ${pending.length} user(s) run out`,
        );
        return;
      }
      await sleep(delay, signal);
    }
  }
}
