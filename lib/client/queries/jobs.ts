import { experimental_streamedQuery as streamedQuery, queryOptions } from "@tanstack/react-query";
import { errorCodes } from "@/lib/api/error-codes";
import type {
  GetJobResponse,
  JobEvent,
  JobItemView,
  JobStatusValue,
  JobView,
  ListJobItemsResponse,
  ListJobsResponse,
} from "@/lib/api/jobs";
import { ApiClientError, type ApiFetchContext, apiEventStream, apiFetch } from "../api-fetch";
import { jobKeys } from "../query-keys";

const FINISHED = new Set<JobStatusValue>(["completed", "cancelled"]);

/** Completed or cancelled: nothing about the job changes any more. */
export const isJobFinished = (job: Pick<JobView, "status">) => FINISHED.has(job.status);

export const jobPath = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}`;

/** How often the job list is read again while a job runs, and the fallback polls a job. */
const POLL_MS = 2_000;
/** A pause before opening the stream again, so a server asking to reconnect at once is not hammered. */
const RECONNECT_MS = 1_000;
/** Items come in pages this big (the most the API gives). */
const ITEM_PAGE = 5_000;

/** `GET /api/jobs`: running and recent jobs; read again every few seconds while one is unfinished. */
export const jobsListQueryOptions = (api: ApiFetchContext, homeAccountId: string) =>
  queryOptions({
    queryKey: jobKeys.list(homeAccountId),
    queryFn: ({ signal }) => apiFetch<ListJobsResponse>(api, "/api/jobs", { signal }),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.jobs.some((job) => !isJobFinished(job)) ? POLL_MS : false,
  });

/** A job as this page follows it: the job, its items by user id, and how changes arrive. */
export interface LiveJobData {
  job: JobView | null;
  items: Map<string, JobItemView>;
  /** Every item has been read once (the table is complete, not still filling). */
  itemsComplete: boolean;
  /** The event stream, or polling after the stream failed. */
  via: "events" | "polling";
}

export type LiveEvent =
  | Exclude<JobEvent, { type: "error" | "reconnect" }>
  | { type: "items-complete" }
  | { type: "via"; via: LiveJobData["via"] };

export const EMPTY_LIVE_JOB: LiveJobData = {
  job: null,
  items: new Map(),
  itemsComplete: false,
  via: "events",
};

export function addLiveEvent(data: LiveJobData, event: LiveEvent): LiveJobData {
  switch (event.type) {
    case "progress":
    case "end":
      return { ...data, job: event.job };
    case "items": {
      const items = new Map(data.items);
      for (const item of event.items) {
        // A final outcome is final: an older copy arriving late must not take it back.
        if (items.get(item.userId)?.state === "final" && item.state !== "final") continue;
        items.set(item.userId, item);
      }
      return { ...data, items };
    }
    case "items-complete":
      return { ...data, itemsComplete: true };
    case "via":
      return { ...data, via: event.via };
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done, fail) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        fail(signal.reason);
      },
      { once: true },
    );
  });

const readJob = async (api: ApiFetchContext, jobId: string, signal: AbortSignal) =>
  (await apiFetch<GetJobResponse>(api, jobPath(jobId), { signal })).job;

/** Every item of the job, page by page. */
async function* allItems(
  api: ApiFetchContext,
  jobId: string,
  signal: AbortSignal,
): AsyncGenerator<LiveEvent> {
  let cursor: number | null = null;
  do {
    const query = new URLSearchParams({ limit: String(ITEM_PAGE) });
    if (cursor !== null) query.set("cursor", String(cursor));
    const page = await apiFetch<ListJobItemsResponse>(api, `${jobPath(jobId)}/items?${query}`, {
      signal,
    });
    yield { type: "items", items: page.items };
    cursor = page.nextCursor;
  } while (cursor !== null);
  yield { type: "items-complete" };
}

const countsOf = (job: JobView) => JSON.stringify([job.status, job.progress.states]);

/** The fallback without the event stream: the job every few seconds, its items when counts moved. */
async function* pollJob(
  api: ApiFetchContext,
  jobId: string,
  signal: AbortSignal,
  last: JobView,
): AsyncGenerator<LiveEvent> {
  yield { type: "via", via: "polling" };
  let seen = countsOf(last);
  for (;;) {
    await sleep(POLL_MS, signal);
    const job = await readJob(api, jobId, signal);
    yield { type: "progress", job };
    if (countsOf(job) !== seen) yield* allItems(api, jobId, signal);
    seen = countsOf(job);
    if (isJobFinished(job)) {
      yield { type: "end", job };
      return;
    }
  }
}

/**
 * The job's event stream, opened again when the server asks (`reconnect`: the token it was opened with
 * has expired); each opening acquires the token anew, so MSAL's renewed one is used.
 */
async function* jobEventStream(
  api: ApiFetchContext,
  jobId: string,
  signal: AbortSignal,
): AsyncGenerator<Exclude<JobEvent, { type: "reconnect" }>> {
  for (;;) {
    let reconnect = false;
    const path = `${jobPath(jobId)}/events`;
    for await (const event of apiEventStream<JobEvent>(api, path, { signal })) {
      if (event.type === "reconnect") {
        reconnect = true;
        break;
      }
      yield event;
    }
    if (!reconnect) return;
    await sleep(RECONNECT_MS, signal);
  }
}

const isAbort = (error: unknown, signal: AbortSignal) =>
  signal.aborted || (error instanceof DOMException && error.name === "AbortError");

/**
 * The job's events until it ends: the job and all its items first, then the SSE stream (opened
 * before the items are read, so no change falls between, and again whenever the server asks); if the
 * stream fails, polling.
 */
async function* liveJobEvents(
  api: ApiFetchContext,
  jobId: string,
  signal: AbortSignal,
): AsyncGenerator<LiveEvent> {
  yield { type: "via", via: "events" };
  let latest = await readJob(api, jobId, signal);
  yield { type: "progress", job: latest };
  if (isJobFinished(latest)) {
    yield* allItems(api, jobId, signal);
    yield { type: "end", job: latest };
    return;
  }
  const stream = jobEventStream(api, jobId, signal);
  const first = stream.next();
  // Awaited below; until then a failure must not count as unhandled.
  first.catch(() => undefined);
  yield* allItems(api, jobId, signal);
  try {
    for (let next = await first; !next.done; next = await stream.next()) {
      const event = next.value;
      if (event.type === "error") {
        const { code, message, retryAfterSeconds } = event.error;
        throw new ApiClientError(code, errorCodes[code], message, retryAfterSeconds);
      }
      yield event;
      if (event.type === "progress") latest = event.job;
      if (event.type === "end") return;
    }
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    // A refusal (403, 404) will not change by polling; anything else (network, 5xx) is polled past.
    if (error instanceof ApiClientError && error.status >= 400 && error.status < 500) throw error;
  } finally {
    await stream.return(undefined);
  }
  yield* pollJob(api, jobId, signal, latest);
}

/**
 * The items that tell the list something new: those still on their way, and outcomes recorded after
 * the list was read (`readAt`). An older outcome is already in the list, or out of date: a tenant
 * changed since (or reset) must not show last hour's "Resolved". Until the list is read, none final.
 */
export function itemsNewerThanList(
  items: Map<string, JobItemView>,
  readAt: string | null,
): Map<string, JobItemView> {
  const since = readAt === null ? Number.POSITIVE_INFINITY : Date.parse(readAt);
  const newer = new Map<string, JobItemView>();
  for (const [userId, item] of items) {
    const finished = item.state === "final" && item.finishedAt !== null;
    if (!finished || Date.parse(item.finishedAt ?? "") > since) newer.set(userId, item);
  }
  return newer;
}

/** One job followed live: its SSE stream (polling when that fails), items included. */
export const liveJobQueryOptions = (api: ApiFetchContext, homeAccountId: string, jobId: string) =>
  queryOptions({
    queryKey: jobKeys.live(homeAccountId, jobId),
    queryFn: streamedQuery<LiveEvent, LiveJobData, ReturnType<typeof jobKeys.live>>({
      streamFn: ({ signal }) => liveJobEvents(api, jobId, signal),
      reducer: addLiveEvent,
      initialValue: EMPTY_LIVE_JOB,
      // A stream started again (another page mounted) merges into what is shown, not from blank.
      refetchMode: "append",
    }),
    // Items of a big job are many; comparing them deeply on every event costs more than it saves.
    structuralSharing: false,
    // A stream cut short (its page closed) keeps the data it had; an unfinished job must then be
    // followed again by the next page that shows it, and a finished one never changes.
    staleTime: (query) => {
      const data = query.state.data;
      return data?.job && isJobFinished(data.job) && data.itemsComplete ? Infinity : 0;
    },
    refetchOnWindowFocus: false,
  });
