import "server-only";
import type { LicenseErrorRow } from "@/lib/api/license-errors";
import { groupBy } from "@/lib/server/async/group-by";
import { sleep } from "@/lib/server/async/sleep";
import type { Database } from "@/lib/server/db/database";
import type { GraphClient } from "@/lib/server/graph/client";
import { type WatchTiming, watchTiming } from "@/lib/server/licensing/verdict";
import { claimItems, renewLeases } from "../store/items";
import type { ClaimedItem } from "../store/types";
import { startCheckLoop } from "./check-loop";
import { giveBack, heldForWriting, releaseAfterError, type WorkerContext } from "./give-back";
import { DEFAULT_WORKER_LIMITS, type WorkerLimits } from "./limits";
import { writeJobItems } from "./write-job-items";

export interface WorkerOptions {
  db: Database;
  /**
   * The job's Graph client at bulk priority, its own retries off (maxRetries 0): the worker retries
   * through the job store. Throws JobCredentialsUnavailableError when no token can be had for the job now.
   */
  graphForJob(jobId: string): Promise<GraphClient>;
  /** Called when graphForJob said the job's credentials are unavailable; its items were given back. */
  onCredentialsUnavailable?(jobId: string): void | Promise<void>;
  /** A user's outcome is final: their grid row as just read, or null when nothing fails any more. */
  onVerified?(userId: string, row: LicenseErrorRow | null): void;
  /** This worker's id in leases. */
  owner: string;
  clock?: () => number;
  limits?: Partial<WorkerLimits>;
  /** How written users are watched; the single-user flow's timing unless told otherwise. */
  timing?: WatchTiming;
  signal: AbortSignal;
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
    limits,
    onCredentialsUnavailable: options.onCredentialsUnavailable,
    onVerified: options.onVerified,
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
  const worker: WorkerContext = {
    db,
    owner,
    graphForJob: options.graphForJob,
    onCredentialsUnavailable: options.onCredentialsUnavailable,
    signal,
    limits,
    clock,
    held,
    checks,
  };
  try {
    await writeLoop(worker);
  } finally {
    await checks.done;
    clearInterval(renewal);
    // Whatever a stopped worker still holds goes back at once: unwritten items to be written, written to be checked.
    try {
      await giveBack(worker, [...held.values()], clock());
    } catch (error) {
      console.error(
        `[jobs] worker ${owner}: giving back on stop: ${(error as Error).message}; their leases run out`,
      );
    }
  }
}

async function writeLoop(worker: WorkerContext): Promise<void> {
  const { db, owner, signal, limits, clock, held, checks } = worker;
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
        try {
          await writeJobItems(worker, jobId, jobItems);
        } catch (error) {
          if (signal.aborted) throw error;
          // Not Graph's answer (the database, a token): this job's unrecorded items go back, the others go on.
          const stranded = jobItems.filter((i) => held.has(i.id) && !checks.has(i.id));
          await releaseAfterError(worker, stranded, error);
        }
      }
    } catch (error) {
      if (signal.aborted) break;
      // A failed claim or a database hiccup costs this round a pause, and strands nothing.
      await releaseAfterError(worker, heldForWriting(worker), error);
      await sleep(limits.idleMs, signal);
    }
  }
}
