import "server-only";
import type { LicenseErrorRow } from "@/lib/api/license-errors";
import { toLicenseErrorRow } from "@/lib/server/licensing/failing";
import { groupBy } from "@/lib/server/async/group-by";
import type { Database } from "@/lib/server/db/database";
import type { GraphClient } from "@/lib/server/graph/client";
import { GraphRequestError } from "@/lib/server/graph/errors";
import { graphRequests } from "@/lib/server/graph/requests";
import { type GraphSubscribedSku, graphUserLicensingSchema } from "@/lib/server/graph/types";
import {
  GroupNames,
  loadLicensingContext,
  readSubscribedSkus,
} from "@/lib/server/licensing/context";
import { groupIdsOf, toSnapshot, type UserReading } from "@/lib/server/licensing/snapshot";
import {
  judgeReprocess,
  nextCheckDelay,
  type ReprocessWatch,
  type WatchTiming,
} from "@/lib/server/licensing/verdict";
import { JobCredentialsUnavailableError } from "../credentials/credentials-error";
import { finishItem, scheduleRetry } from "../store/items";
import type { ClaimedItem, ItemHistory, ItemOutcome, OutcomeDetail } from "../store/types";
import { retryDelayMs, type WorkerLimits } from "./limits";

export interface CheckLoopOptions {
  db: Database;
  graphForJob(jobId: string): Promise<GraphClient>;
  timing: WatchTiming;
  clock: () => number;
  signal: AbortSignal;
  /** The item is no longer this worker's (finished or given back): stop renewing its lease. */
  release(itemId: number): void;
  /** Attempts, backoff, and how long to leave a job's items when its credentials are unavailable. */
  limits: Pick<
    WorkerLimits,
    "maxAttempts" | "backoffBaseMs" | "backoffMaxMs" | "credentialsWaitMs"
  >;
  onCredentialsUnavailable?(jobId: string): void | Promise<void>;
  /** A user's outcome is final: their grid row as just read, or null when nothing fails any more. */
  onVerified?(userId: string, row: LicenseErrorRow | null): void;
}

interface Check {
  item: ClaimedItem;
  watch: ReprocessWatch;
  latest?: UserReading;
  nextAt: number;
  delay: number;
  /** Checks in a row that failed (Graph or the database): at maxAttempts the item gets an outcome. */
  failures: number;
}

export interface CheckLoop {
  /** Starts checking a written item; the loop finishes it or, when stopped, leaves it to the worker. */
  add(item: ClaimedItem, watch: ReprocessWatch): void;
  /** Items being checked. */
  size(): number;
  has(itemId: number): boolean;
  /** Resolves once the loop has stopped (the signal aborted). */
  done: Promise<void>;
}

// Checks due within this of each other share one round of `$batch` reads.
const COALESCE_MS = 100;
// Seats change rarely during a job; group names even more rarely.
const SKUS_TTL_MS = 60_000;
const GROUP_NAMES_TTL_MS = 600_000;

export const graphErrorDetail = (error: GraphRequestError): OutcomeDetail["graphError"] => ({
  status: error.graph.status,
  code: error.graph.code ?? error.code,
  message: error.message,
  requestId: error.graph.requestId ?? null,
});

const SENT = "The reprocess was sent";

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Checks written items in `$batch` reads until the one reprocess verdict is final for each, then records
 * its outcome: concurrently with the writes, which never wait behind a check.
 */
export function startCheckLoop(options: CheckLoopOptions): CheckLoop {
  const { db, timing, clock, signal, release, limits } = options;
  const checks = new Map<number, Check>();
  let skus: { value: GraphSubscribedSku[]; at: number } | undefined;
  let groups = { names: new GroupNames(), at: clock() };
  let wake: (() => void) | undefined;

  async function tenantSkus(graph: GraphClient): Promise<GraphSubscribedSku[]> {
    if (!skus || clock() - skus.at >= SKUS_TTL_MS) {
      skus = { value: await readSubscribedSkus(graph), at: clock() };
    }
    return skus.value;
  }

  async function finish(
    check: Check,
    outcome: ItemOutcome,
    detail: OutcomeDetail,
    history?: ItemHistory,
  ) {
    await finishItem(db, check.item, { outcome, detail, now: clock(), history });
    forget(check);
  }

  function forget(check: Check) {
    checks.delete(check.item.id);
    release(check.item.id);
  }

  /**
   * A check that failed: asked again after a backoff, until maxAttempts in a row. Then a Graph failure
   * is the outcome (the write went out, its result is unknown); any other goes back to the queue with its
   * attempt counted, or, attempts spent, is the outcome too.
   */
  async function failed(check: Check, error: unknown, jitter: number): Promise<void> {
    const { item } = check;
    const graphError = error instanceof GraphRequestError ? error : undefined;
    check.failures += 1;
    if (check.failures < limits.maxAttempts) {
      const delay = retryDelayMs(check.failures, limits, graphError?.throttle.retryAfterMs, jitter);
      check.nextAt = clock() + delay;
      return;
    }
    const attempts = item.attempts + 1;
    if (graphError || attempts >= limits.maxAttempts) {
      const message = graphError
        ? `${SENT}, but its result could not be checked (${check.failures} tries): ${graphError.message}`
        : `${SENT}, but its result could not be recorded (${attempts} attempts): ${errorText(error)}`;
      await finish(check, "timed_out", {
        message,
        ...(graphError ? { graphError: graphErrorDetail(graphError) } : {}),
      });
      return;
    }
    await scheduleRetry(db, item, {
      at: clock() + retryDelayMs(attempts, limits),
      attempts,
      now: clock(),
    });
    forget(check);
  }

  /** The job's Graph, or undefined when its credentials are unavailable: its checks then wait for them. */
  async function graphOrWait(jobId: string, due: Check[]): Promise<GraphClient | undefined> {
    try {
      return await options.graphForJob(jobId);
    } catch (error) {
      if (!(error instanceof JobCredentialsUnavailableError)) throw error;
      for (const check of due) {
        await scheduleRetry(db, check.item, {
          at: clock() + limits.credentialsWaitMs,
          attempts: check.item.attempts,
        });
        forget(check);
      }
      await options.onCredentialsUnavailable?.(jobId);
      return undefined;
    }
  }

  /**
   * One round of reads for a job's due checks; `handled` collects those whose next step is recorded.
   * Checks failing together share `jitter`, so they are retried together, in one round.
   */
  async function poll(
    jobId: string,
    due: Check[],
    handled: Set<Check>,
    jitter: number,
  ): Promise<void> {
    const graph = await graphOrWait(jobId, due);
    if (!graph) return;
    const tenant = await tenantSkus(graph);
    const results = await graph.batch(
      due.map((check) => graphRequests.userForSnapshot(check.item.userId)),
      { signal },
    );
    const read: Check[] = [];
    const unread: { check: Check; error: GraphRequestError }[] = [];
    for (const [index, result] of results.entries()) {
      const check = due[index]!;
      if (!result.ok) {
        unread.push({ check, error: result.error });
        continue;
      }
      const user = graphUserLicensingSchema.safeParse(result.body);
      if (user.success) check.latest = { user: user.data, readAt: new Date() };
      read.push(check);
    }
    if (clock() - groups.at >= GROUP_NAMES_TTL_MS)
      groups = { names: new GroupNames(), at: clock() };
    await groups.names.include(
      graph,
      read.flatMap(({ watch, latest }) => [
        ...(watch.before ? groupIdsOf(watch.before) : []),
        ...(latest ? groupIdsOf(latest) : []),
      ]),
    );
    const context = await loadLicensingContext(tenant, groups.names.known);
    for (const { check, error } of unread) {
      // The user is gone from the directory: nothing will ever be read again.
      if (error.graph.status === 404) {
        await finish(check, "failed", {
          message: `${SENT}, but the user can no longer be read: ${error.message}`,
          graphError: graphErrorDetail(error),
        });
      } else await failed(check, error, jitter);
      handled.add(check);
    }
    const now = clock();
    for (const check of read) {
      const verdict = judgeReprocess(check.watch, check.latest, { now, context, timing });
      if (verdict.final) {
        const { outcome, diff } = verdict;
        if (check.latest) {
          options.onVerified?.(check.item.userId, toLicenseErrorRow(check.latest.user, context));
        }
        await finish(
          check,
          outcome.kind,
          { message: outcome.message, ...(diff ? { diffSummary: diff.summary } : {}) },
          {
            before: check.watch.before ? toSnapshot(check.watch.before, context) : null,
            after: check.latest ? toSnapshot(check.latest, context) : null,
            diff: diff ?? null,
          },
        );
      } else {
        check.delay = nextCheckDelay(check.delay, timing);
        check.nextAt = Math.min(now + check.delay, verdict.deadline);
        check.failures = 0;
      }
      handled.add(check);
    }
  }

  /** A round that failed as a whole counts as a failed check for each of its checks not yet settled. */
  async function roundFailed(
    jobId: string,
    due: Check[],
    handled: Set<Check>,
    error: unknown,
    jitter: number,
  ) {
    const open = due.filter((check) => !handled.has(check) && checks.has(check.item.id));
    console.error(
      `[jobs] checking job ${jobId}: ${errorText(error)}; ${open.length} user(s) to check again`,
    );
    for (const check of open) {
      try {
        await failed(check, error, jitter);
      } catch (recordError) {
        // Nothing can be recorded now: the item's lease, no longer renewed, runs out and it is claimed again.
        console.error(`[jobs] checking job ${jobId}: ${errorText(recordError)}; letting go`);
        for (const rest of open.filter((c) => checks.has(c.item.id))) forget(rest);
        return;
      }
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
        const handled = new Set<Check>();
        const jitter = Math.random();
        try {
          await poll(jobId, jobChecks, handled, jitter);
        } catch (error) {
          if (signal.aborted) return;
          await roundFailed(jobId, jobChecks, handled, error, jitter);
        }
      }
    }
  }

  return {
    add(item, watch) {
      const now = clock();
      checks.set(item.id, {
        item,
        watch,
        nextAt: now + timing.firstDelayMs,
        delay: timing.firstDelayMs,
        failures: 0,
      });
      wake?.();
    },
    size: () => checks.size,
    has: (itemId) => checks.has(itemId),
    done: run(),
  };
}
