import "server-only";
import { decodeJwt } from "jose";
import type { JobEvent, JobItemView, JobView } from "@/lib/api/jobs";
import { ApiError } from "@/lib/server/http/api-error";
import { type Caller, verifyCaller } from "@/lib/server/http/with-auth";
import { sleep } from "@/lib/server/async/sleep";
import { listJobItems } from "@/lib/server/jobs/store/queries";
import { type JobsContext, jobsContext } from "./context";
import { toJobItemView } from "./job-views";
import { tenantJobOrThrow, viewOf } from "./read-jobs";

/** How often each open stream reads the database. */
const POLL_MS = 500;
/** A comment now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** How long the browser waits before reconnecting a dropped stream. */
const RECONNECT_MS = 2_000;
/**
 * Items are read again from this long before the previous read: a change committed late, or stamped by
 * an instance whose clock is a little behind, is still seen. What was already sent is not sent again.
 */
const OVERLAP_MS = 5_000;
const ITEMS_PER_READ = 5_000;
/** How often an open stream verifies its caller's token and role again (the token's expiry is watched always). */
const RECHECK_MS = 60_000;

const encoder = new TextEncoder();

const isFinished = (job: JobView) => job.status === "completed" || job.status === "cancelled";

// What the stream compares to decide whether the browser has seen a job or an item as it is.
const jobSignature = (job: JobView) =>
  JSON.stringify([job.status, job.pauseReason, job.progress.states, job.progress.outcomes]);
const itemSignature = (item: JobItemView) =>
  `${item.state}|${item.outcome ?? ""}|${item.attempts}|${item.finishedAt ?? ""}`;

/** The items changed since `since` that the browser has not seen in this state yet. */
async function changedItems(
  context: JobsContext,
  jobId: string,
  since: number,
  sent: Map<number, string>,
): Promise<JobItemView[]> {
  const changed: JobItemView[] = [];
  let afterId: number | undefined;
  do {
    const page = await listJobItems(context.database, jobId, {
      changedSince: since,
      afterId,
      limit: ITEMS_PER_READ,
    });
    for (const item of page.items.map(toJobItemView)) {
      const signature = itemSignature(item);
      if (sent.get(item.id) === signature) continue;
      sent.set(item.id, signature);
      changed.push(item);
    }
    afterId = page.nextAfterId ?? undefined;
  } while (afterId !== undefined);
  return changed;
}

/** Where a followed job's events go: SSE frames, or comments that only keep the line open. */
export interface JobEventSink {
  event(event: JobEvent): void;
  comment(text: string): void;
}

// withAuth has verified the token, so its expiry can be read without checking the signature again.
const expiryOf = (accessToken: string): number => (decodeJwt(accessToken).exp ?? 0) * 1000;

/**
 * Why the stream stops trusting its caller now, or null: the token verifies no more (401) or no longer
 * grants reading (403). When the check itself cannot run (signing keys unreachable), the stream goes on:
 * that is not the caller's doing, and the token's expiry still ends it.
 */
async function callerRefusal(caller: Caller): Promise<string | null> {
  try {
    await verifyCaller(caller.accessToken, "read");
    return null;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      return error.message;
    }
    return null;
  }
}

export interface FollowOptions {
  /** How often the caller is verified again; RECHECK_MS unless told. */
  recheckEveryMs?: number;
}

/**
 * Reads the job about every half second and tells the sink what changed, until the job is finished
 * (after its `end`), `signal` aborts, or the caller's token expires or fails a re-check (after a
 * `reconnect`); resolves when it has stopped reading.
 */
export async function followJob(
  context: JobsContext,
  caller: Caller,
  jobId: string,
  sink: JobEventSink,
  signal: AbortSignal,
  { recheckEveryMs = RECHECK_MS }: FollowOptions = {},
): Promise<void> {
  const sent = new Map<number, string>();
  const expiresAt = expiryOf(caller.accessToken);
  let since = Date.now() - OVERLAP_MS;
  let lastJob = "";
  let lastWrite = Date.now();
  let nextCheck = Date.now() + recheckEveryMs;
  while (!signal.aborted) {
    const readAt = Date.now();
    if (readAt >= expiresAt) {
      sink.event({
        type: "reconnect",
        reason: "Your access token has expired; open the stream again with a fresh one.",
      });
      return;
    }
    if (readAt >= nextCheck) {
      const refusal = await callerRefusal(caller);
      if (signal.aborted) return;
      if (refusal) {
        sink.event({ type: "reconnect", reason: refusal });
        return;
      }
      nextCheck = readAt + recheckEveryMs;
    }
    const now = { ...context, now: readAt };
    const job = await viewOf(now, await tenantJobOrThrow(now, jobId));
    const items = await changedItems(now, jobId, since, sent);
    since = readAt - OVERLAP_MS;
    if (signal.aborted) return;
    if (items.length > 0) sink.event({ type: "items", items });
    if (isFinished(job)) {
      sink.event({ type: "end", job });
      return;
    }
    if (jobSignature(job) !== lastJob || items.length > 0) {
      lastJob = jobSignature(job);
      sink.event({ type: "progress", job });
      lastWrite = readAt;
    } else if (readAt - lastWrite >= HEARTBEAT_MS) {
      sink.comment("keep-alive");
      lastWrite = readAt;
    }
    await sleep(POLL_MS, signal);
  }
}

/**
 * `GET /api/jobs/{id}/events`: `progress` when the counts change, `items` that changed since the last
 * event, `end` once the job is finished; until then, until the browser goes away, or until the
 * caller's token expires or fails a re-check (`reconnect`).
 */
export async function streamJobEvents(
  caller: Caller,
  jobId: string,
  signal: AbortSignal,
): Promise<Response> {
  const context = await jobsContext(caller);
  // An unknown job is a plain 404, before the stream starts.
  await tenantJobOrThrow(context, jobId);
  const stopped = new AbortController();
  const stop = () => stopped.abort();
  signal.addEventListener("abort", stop);

  async function run(controller: ReadableStreamDefaultController<Uint8Array>) {
    // Once the browser has gone, nothing more is written.
    const write = (text: string) => {
      if (!stopped.signal.aborted) controller.enqueue(encoder.encode(text));
    };
    write(`retry: ${RECONNECT_MS}\n\n`);
    const sink: JobEventSink = {
      event: (event) => write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
      comment: (text) => write(`: ${text}\n\n`),
    };
    try {
      await followJob(context, caller, jobId, sink, stopped.signal);
    } catch (error) {
      if (!(error instanceof ApiError)) console.error(`[jobs] events for ${jobId}:`, error);
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError("internal_error", "The job's progress could not be read; reconnecting.");
      sink.event({ type: "error", error: apiError.toJSON() });
    } finally {
      signal.removeEventListener("abort", stop);
      if (!stopped.signal.aborted) controller.close();
    }
  }

  const stream = new ReadableStream<Uint8Array>({
    // The loop runs on its own; the stream only carries what it writes.
    start: (controller) => void run(controller),
    cancel: stop,
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "x-accel-buffering": "no",
      "x-content-type-options": "nosniff",
    },
  });
}
