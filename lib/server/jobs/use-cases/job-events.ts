import "server-only";
import type { JobEvent, JobItemView, JobView } from "@/lib/api/jobs";
import { ApiError } from "@/lib/server/http/api-error";
import type { Caller } from "@/lib/server/http/with-auth";
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

/**
 * Reads the job about every half second and tells the sink what changed, until the job is finished
 * (after its `end`) or `signal` aborts; resolves when it has stopped reading.
 */
export async function followJob(
  context: JobsContext,
  jobId: string,
  sink: JobEventSink,
  signal: AbortSignal,
): Promise<void> {
  const sent = new Map<number, string>();
  let since = Date.now() - OVERLAP_MS;
  let lastJob = "";
  let lastWrite = Date.now();
  while (!signal.aborted) {
    const readAt = Date.now();
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
 * event, `end` once the job is finished; until then, or until the browser goes away.
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
      await followJob(context, jobId, sink, stopped.signal);
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
