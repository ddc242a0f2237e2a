import "server-only";
import { z } from "zod";
import { chunk, mapWithConcurrency } from "../async/pool";
import { sleep } from "../async/sleep";
import type { GraphAnswer } from "./client";
import { type GraphRequestError, toGraphRequestError } from "./errors";
import { type GraphCost, requestCost, sumCosts } from "./pacing/costs";
import type { GraphRequest } from "./requests";
import { isRetryableStatus, parseRetryAfter, type RetryPolicy, retryDelay } from "./retry";

/** Graph's documented limit of requests in one `$batch`. */
export const MAX_BATCH_SIZE = 20;

export type BatchItemResult =
  | {
      ok: true;
      status: number;
      body: unknown;
      /** The item's own `request-id`, else the `$batch` envelope's: what Microsoft support traces. */
      requestId: string | null;
    }
  | { ok: false; error: GraphRequestError };

const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

type BatchResponseItem = z.infer<typeof batchResponseSchema>["responses"][number];

interface BatchOptions {
  post: (body: unknown, cost: GraphCost) => Promise<GraphAnswer>;
  /** Each item's status and headers, for the pacer: items carry their own throttling headers. */
  feedback: (
    request: GraphRequest,
    status: number,
    header: (name: string) => string | undefined,
  ) => Promise<void>;
  policy: RetryPolicy;
  concurrency: number;
  signal?: AbortSignal;
}

const itemHeader = (item: BatchResponseItem, name: string) =>
  Object.entries(item.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

// Actions without a body (reprocess) still carry `{}` and a Content-Type, as the batching docs advise.
const toBatchItem = (request: GraphRequest, id: string) => ({
  id,
  method: request.method,
  url: request.path,
  ...(request.method === "GET"
    ? {}
    : { body: request.body ?? {}, headers: { "Content-Type": "application/json" } }),
});

function itemFailure(request: GraphRequest, item: BatchResponseItem): GraphRequestError {
  return toGraphRequestError({
    method: request.method,
    path: request.path,
    status: item.status,
    body: item.body,
    requestId: itemHeader(item, "request-id"),
    retryAfterMs: parseRetryAfter(itemHeader(item, "retry-after")),
    throttleInformation: itemHeader(item, "x-ms-throttle-information"),
    subject: request.subject,
  });
}

/** `x-ms-throttle-limit-percentage`, the share of the fullest limit in use (sent above 0.8); absent or unreadable is undefined. */
export function parseUsage(value: string | null | undefined): number | undefined {
  const usage = Number(value ?? Number.NaN);
  return value && Number.isFinite(usage) && usage >= 0 ? usage : undefined;
}

const missingAnswer = (request: GraphRequest) =>
  toGraphRequestError({
    method: request.method,
    path: request.path,
    status: 502,
    body: { error: { code: "MissingBatchResponse" } },
  });

/** Up to 20 requests: sent, then the throttled ones sent again after the longest Retry-After. */
async function runOneBatch(
  requests: GraphRequest[],
  { post, feedback, policy, signal }: BatchOptions,
): Promise<BatchItemResult[]> {
  const results = new Array<BatchItemResult | undefined>(requests.length);
  let pending = requests.map((_, index) => index);
  for (let retry = 0; pending.length > 0; retry++) {
    const sending = pending.map((index) => requests[index]!);
    const answer = await post(
      { requests: pending.map((index) => toBatchItem(requests[index]!, String(index))) },
      sumCosts(sending.map((request) => requestCost(request.method, request.path))),
    );
    const parsed = batchResponseSchema.safeParse(answer.body);
    // Graph may answer 424 for the batch when items failed; the items still tell their own story.
    const answered = answer.status === 200 || answer.status === 424;
    if (!answered || !parsed.success) {
      for (const index of pending) {
        results[index] = {
          ok: false,
          error: toGraphRequestError({
            method: "POST",
            path: "/$batch",
            status: answer.status,
            // Graph said it ran the batch, but what became of each item cannot be read.
            unreadable: answered,
            body: answer.body,
            requestId: answer.requestId,
            retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")),
            throttleInformation: answer.headers.get("x-ms-throttle-information") ?? undefined,
          }),
        };
      }
      break;
    }
    const again: { index: number; item: BatchResponseItem }[] = [];
    for (const item of parsed.data.responses) {
      const index = Number(item.id);
      const request = requests[index];
      if (request === undefined || !pending.includes(index)) continue;
      await feedback(request, item.status, (name) => itemHeader(item, name));
      if (item.status >= 200 && item.status <= 299) {
        results[index] = {
          ok: true,
          status: item.status,
          body: item.body,
          requestId: itemHeader(item, "request-id") ?? answer.requestId ?? null,
        };
      } else if (isRetryableStatus(item.status)) {
        again.push({ index, item });
      } else {
        results[index] = { ok: false, error: itemFailure(request, item) };
      }
    }
    const retrying = new Set(again.map(({ index }) => index));
    for (const index of pending) {
      // An item Graph did not answer at all is reported rather than retried forever.
      if (results[index] === undefined && !retrying.has(index)) {
        results[index] = { ok: false, error: missingAnswer(requests[index]!) };
      }
    }
    if (again.length === 0) break;
    const waits = again.map(({ item }) => parseRetryAfter(itemHeader(item, "retry-after")));
    const longest = waits.some((w) => w !== undefined)
      ? Math.max(...waits.map((w) => w ?? 0))
      : undefined;
    const delay = retryDelay(retry, longest, policy);
    if (delay === undefined) {
      for (const { index, item } of again) {
        results[index] = { ok: false, error: itemFailure(requests[index]!, item) };
      }
      break;
    }
    console.warn(
      `[graph] $batch: ${again.length} of ${pending.length} items throttled or unavailable, ` +
        `retry ${retry + 1}/${policy.maxRetries} in ${(delay / 1000).toFixed(2)} s`,
    );
    await sleep(delay, signal);
    signal?.throwIfAborted();
    pending = again.map(({ index }) => index);
  }
  return results.map(
    (result, index) => result ?? { ok: false, error: missingAnswer(requests[index]!) },
  );
}

/** Any number of requests, 20 to a batch, with at most `concurrency` batches in flight. */
export async function runBatches(
  requests: GraphRequest[],
  options: BatchOptions,
): Promise<BatchItemResult[]> {
  const batches = await mapWithConcurrency(
    chunk(requests, MAX_BATCH_SIZE),
    options.concurrency,
    (run) => runOneBatch(run, options),
  );
  return batches.flat();
}
