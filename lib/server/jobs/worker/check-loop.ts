import "server-only";
import { groupBy } from "@/lib/server/async/group-by";
import type { Database } from "@/lib/server/db/database";
import type { GraphClient } from "@/lib/server/graph/client";
import type { GraphRequestError } from "@/lib/server/graph/errors";
import { graphRequests } from "@/lib/server/graph/requests";
import { type GraphSubscribedSku, graphUserLicensingSchema } from "@/lib/server/graph/types";
import {
  GroupNames,
  loadLicensingContext,
  readSubscribedSkus,
} from "@/lib/server/licensing/context";
import { groupIdsOf, type UserReading } from "@/lib/server/licensing/snapshot";
import {
  judgeReprocess,
  nextCheckDelay,
  type ReprocessWatch,
  type WatchTiming,
} from "@/lib/server/licensing/verdict";
import { JobCredentialsUnavailableError } from "../credentials/credentials-error";
import { finishItem, scheduleRetry } from "../store/items";
import type { ClaimedItem, ItemOutcome, OutcomeDetail } from "../store/types";

export interface CheckLoopOptions {
  db: Database;
  graphForJob(jobId: string): Promise<GraphClient>;
  timing: WatchTiming;
  clock: () => number;
  signal: AbortSignal;
  /** The item is no longer this worker's (finished or given back): stop renewing its lease. */
  release(itemId: number): void;
  /** Trouble Graph gives no Retry-After for: how long the loop waits. */
  backoffMs: number;
  /** How long to leave a job's items when its credentials are unavailable. */
  credentialsWaitMs: number;
  onCredentialsUnavailable?(jobId: string): void | Promise<void>;
}

interface Check {
  item: ClaimedItem;
  watch: ReprocessWatch;
  latest?: UserReading;
  nextAt: number;
  delay: number;
}

export interface CheckLoop {
  /** Starts checking a written item; the loop finishes it or, when stopped, leaves it to the worker. */
  add(item: ClaimedItem, watch: ReprocessWatch): void;
  /** Items being checked. */
  size(): number;
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
});

// Graph can no longer read the user: final. Anything else is asked again at the next check.
const isPermanent = (error: GraphRequestError) =>
  error.graph.status === 404 || error.graph.status === 403;

/**
 * Checks written items in `$batch` reads until the one reprocess verdict is final for each, then records
 * its outcome: concurrently with the writes, which never wait behind a check.
 */
export function startCheckLoop(options: CheckLoopOptions): CheckLoop {
  const { db, timing, clock, signal, release } = options;
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

  async function finish(check: Check, outcome: ItemOutcome, detail: OutcomeDetail) {
    await finishItem(db, check.item, { outcome, detail, now: clock() });
    checks.delete(check.item.id);
    release(check.item.id);
  }

  async function poll(jobId: string, due: Check[]): Promise<void> {
    let graph: GraphClient;
    try {
      graph = await options.graphForJob(jobId);
    } catch (error) {
      if (!(error instanceof JobCredentialsUnavailableError)) throw error;
      for (const check of due) {
        await scheduleRetry(db, check.item, {
          at: clock() + options.credentialsWaitMs,
          attempts: check.item.attempts,
        });
        checks.delete(check.item.id);
        release(check.item.id);
      }
      await options.onCredentialsUnavailable?.(jobId);
      return;
    }
    const tenant = await tenantSkus(graph);
    const results = await graph.batch(
      due.map((check) => graphRequests.userForSnapshot(check.item.userId)),
      { signal },
    );
    const judged: Check[] = [];
    for (const [index, result] of results.entries()) {
      const check = due[index]!;
      if (!result.ok) {
        if (!isPermanent(result.error)) judged.push(check);
        else {
          const { error } = result;
          await finish(check, "failed", {
            message: error.message,
            graphError: graphErrorDetail(error),
          });
        }
        continue;
      }
      const user = graphUserLicensingSchema.safeParse(result.body);
      if (user.success) check.latest = { user: user.data, readAt: new Date() };
      judged.push(check);
    }
    if (clock() - groups.at >= GROUP_NAMES_TTL_MS)
      groups = { names: new GroupNames(), at: clock() };
    await groups.names.include(
      graph,
      judged.flatMap(({ watch, latest }) => [
        ...(watch.before ? groupIdsOf(watch.before) : []),
        ...(latest ? groupIdsOf(latest) : []),
      ]),
    );
    const context = await loadLicensingContext(tenant, groups.names.known);
    const now = clock();
    for (const check of judged) {
      const verdict = judgeReprocess(check.watch, check.latest, { now, context, timing });
      if (verdict.final) {
        const { outcome, diff } = verdict;
        await finish(check, outcome.kind, {
          message: outcome.message,
          ...(diff ? { diffSummary: diff.summary } : {}),
        });
      } else {
        check.delay = nextCheckDelay(check.delay, timing);
        check.nextAt = Math.min(now + check.delay, verdict.deadline);
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
        try {
          await poll(jobId, jobChecks);
        } catch (error) {
          if (signal.aborted) return;
          // A database or token hiccup delays these checks; it does not stop the loop.
          console.error(`[jobs] checking job ${jobId}: ${(error as Error).message}`);
          for (const check of jobChecks) check.nextAt = clock() + options.backoffMs;
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
      });
      wake?.();
    },
    size: () => checks.size,
    done: run(),
  };
}
