import "server-only";
import { MAX_BATCH_SIZE } from "@/lib/server/graph/batch";
import type { GraphClient } from "@/lib/server/graph/client";
import { isPassingFailure, outcomeUnknown } from "@/lib/server/graph/errors";
import { failingStates } from "@/lib/server/licensing/verdict";
import { JobCredentialsUnavailableError } from "../credentials/credentials-error";
import { finishItem, markWritten, scheduleRetry } from "../store/items";
import { acceptsWrites, readJobStatus } from "../store/job-status";
import type { ClaimedItem } from "../store/types";
import { graphErrorDetail } from "./check-loop";
import { giveBack, type WorkerContext } from "./give-back";
import { retryDelayMs } from "./limits";
import { sendReprocessBatch, type WriteResult } from "./write-batch";

/**
 * Aborts when the worker stops or the job no longer accepts writes (paused, cancelled), so batches
 * waiting for the budget send nothing more.
 */
function whileJobAcceptsWrites(worker: WorkerContext, jobId: string) {
  const { db, signal } = worker;
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

/**
 * Writes one job's items, a `$batch` at a time with a few in flight, while the job still accepts writes.
 * The first batch that fails (not Graph's answer: the database, a token) stops the sending; its error is
 * thrown once every batch has settled, with the items it could not record still held.
 */
export async function writeJobItems(
  worker: WorkerContext,
  jobId: string,
  items: ClaimedItem[],
): Promise<void> {
  const { db, limits, clock } = worker;
  let graph: GraphClient;
  try {
    graph = await worker.graphForJob(jobId);
  } catch (error) {
    if (!(error instanceof JobCredentialsUnavailableError)) throw error;
    await giveBack(worker, items, clock() + limits.credentialsWaitMs);
    await worker.onCredentialsUnavailable?.(jobId);
    return;
  }
  const job = whileJobAcceptsWrites(worker, jobId);
  let rest = items;
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];
  try {
    while (rest.length > 0 && !job.signal.aborted && failures.length === 0) {
      // Paused or cancelled meanwhile: nothing more is sent; a cancel finalizes the returned items itself.
      if (!acceptsWrites(await readJobStatus(db, jobId))) break;
      if (inFlight.size >= limits.batchesInFlight) {
        await Promise.race(inFlight);
        continue;
      }
      const batch = rest.slice(0, MAX_BATCH_SIZE);
      rest = rest.slice(batch.length);
      const sending: Promise<void> = sendAndRecord(worker, graph, batch, job.signal)
        .catch((error: unknown) => void failures.push(error))
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
  } finally {
    // Once sent, a batch's results are recorded even if the worker is being stopped.
    await Promise.all(inFlight);
    job.stop();
  }
  await giveBack(worker, rest, clock());
  if (failures.length > 0) throw failures[0];
}

async function sendAndRecord(
  worker: WorkerContext,
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
async function recordWrite(
  worker: WorkerContext,
  item: ClaimedItem,
  result: WriteResult,
): Promise<void> {
  const { db, limits, clock, held, checks } = worker;
  const now = clock();
  if (result.kind === "written") {
    // Not recorded means another worker took the item over: it is theirs to check.
    if (await markWritten(db, item, now, result.requestId)) {
      checks.add(item, {
        before: beforeToJudgeBy(item, result),
        causeFixed: false,
        writtenAt: now,
      });
    } else held.delete(item.id);
    return;
  }
  const { error } = result;
  const attempts = item.attempts + 1;
  const passing = isPassingFailure(error);
  if (!passing || attempts >= limits.maxAttempts) {
    const lost = outcomeUnknown(error)
      ? " Its answer was lost, so the reprocess may have gone through: check this user again."
      : "";
    await finishItem(db, item, {
      outcome: "failed",
      detail: {
        message: passing
          ? `Gave up after ${attempts} attempts; the last: ${error.message}${lost}`
          : error.message,
        graphError: graphErrorDetail(error),
      },
      now,
    });
    held.delete(item.id);
    return;
  }
  // The Graph client has held the tenant's budget until Retry-After; this item waits at least as long.
  await scheduleRetry(db, item, {
    at: now + retryDelayMs(attempts, limits, error.throttle.retryAfterMs),
    attempts,
    now,
  });
  held.delete(item.id);
}
