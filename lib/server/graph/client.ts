import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { sleep } from "../async/sleep";
import { ApiError } from "../http/api-error";
import { type BatchItemResult, parseUsage, runBatches } from "./batch";
import { toGraphRequestError } from "./errors";
import { type GraphCost, requestCost } from "./pacing/costs";
import type { GraphLimit, GraphPacer, GraphPriority } from "./pacing/pacer";
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
  retryDelay,
} from "./retry";
import type { GraphRequest } from "./requests";

const collectionPage = <T>(itemSchema: z.ZodType<T>) =>
  z.object({ value: z.array(itemSchema), "@odata.nextLink": z.string().optional() });

/** Graph's answer to one HTTP exchange, whatever its status. */
export interface GraphAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  requestId: string | undefined;
}

export interface GraphClientOptions {
  /** `https://graph.microsoft.com/v1.0` or the emulator's. */
  baseUrl: string;
  /** A Graph access token; called per attempt so a long retry never sends an expired one. */
  getToken: () => Promise<string>;
  retry?: RetryPolicy;
  /** Per attempt; a request that hangs longer is retried, then answered as a time-out. */
  timeoutMs?: number;
  /** `$batch` requests in flight at once. */
  batchConcurrency?: number;
  /** The tenant's shared budget, which every request is admitted by before it is sent. */
  pacer: GraphPacer;
  /** Interactive for a person waiting; bulk for job workers, which leave interactive calls a reserve. */
  priority: GraphPriority;
}

/** Per call: a worker's stop signal ends a wait for the budget. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** The limit a 429 or a usage header speaks of: Graph names it, or the request's kind tells. */
function limitOf(cost: GraphCost, information: string | null | undefined): GraphLimit {
  if (information === "ResourceUnitLimitExceeded") return "resourceUnits";
  if (information === "WriteLimitExceeded") return "writes";
  return cost.writes > 0 ? "writes" : "resourceUnits";
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The only way the app talks to Microsoft Graph: base URL, tokens, pacing under the tenant's shared
 * budget, paging, `$batch`, Retry-After and backoff, and translation of Graph's errors into the app's
 * error table.
 */
export class GraphClient {
  private readonly baseUrl: string;
  private readonly origin: string;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: GraphClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.origin = new URL(this.baseUrl).origin;
    this.policy = options.retry ?? DEFAULT_RETRY_POLICY;
  }

  /**
   * Tells the pacer what Graph said of its limits: a 429's Retry-After holds every caller, and the usage
   * header lowers the bucket before a 429 comes.
   */
  private async feedback(
    cost: GraphCost,
    status: number,
    header: (name: string) => string | undefined,
  ) {
    const { pacer } = this.options;
    const limit = limitOf(cost, header("x-ms-throttle-information"));
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(header("retry-after"));
      if (retryAfterMs !== undefined) await pacer.throttled(limit, retryAfterMs);
      return;
    }
    const usage = parseUsage(header("x-ms-throttle-limit-percentage"));
    if (usage !== undefined) await pacer.observeUsage(limit, usage);
  }

  /** One request, admitted by the pacer and retried on 429/503/504 and network errors; any final status is returned. */
  private async exchange(
    method: string,
    url: string,
    body: unknown,
    label: string,
    { cost, signal }: { cost: GraphCost; signal?: AbortSignal },
  ): Promise<GraphAnswer> {
    const { pacer, priority } = this.options;
    for (let retry = 0; ; retry++) {
      let answer: GraphAnswer | undefined;
      let timedOut = false;
      // Every attempt spends budget at Graph, so every attempt is admitted.
      await pacer.admit(cost, { priority, signal });
      try {
        const headers = new Headers({
          authorization: `Bearer ${await this.options.getToken()}`,
          accept: "application/json",
          "client-request-id": randomUUID(),
        });
        if (body !== undefined) headers.set("content-type", "application/json");
        const res = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
          cache: "no-store",
        });
        answer = {
          status: res.status,
          headers: res.headers,
          body: await readBody(res),
          requestId: res.headers.get("request-id") ?? undefined,
        };
      } catch (error) {
        // Token failures are already in the app's terms; only transport errors are retried.
        if (error instanceof ApiError) throw error;
        timedOut = error instanceof DOMException && error.name === "TimeoutError";
      }
      if (answer) {
        const { headers } = answer;
        await this.feedback(cost, answer.status, (name) => headers.get(name) ?? undefined);
      }
      if (answer && !isRetryableStatus(answer.status)) return answer;
      const retryAfterMs = answer ? parseRetryAfter(answer.headers.get("retry-after")) : undefined;
      const delay = retryDelay(retry, retryAfterMs, this.policy);
      if (delay === undefined) {
        if (answer) return answer;
        throw toGraphRequestError({ method, path: label, status: 0, timedOut });
      }
      console.warn(
        `[graph] ${method} ${label}: ${answer ? `${answer.status} (request-id ${answer.requestId ?? "none"})` : "no answer"}, ` +
          `retry ${retry + 1}/${this.policy.maxRetries} in ${(delay / 1000).toFixed(2)} s`,
      );
      // After a 429 the pacer holds every caller until Retry-After, so admission does the waiting: a
      // person's call that would wait longer than they do is answered "throttled" at once.
      const throttled = answer?.status === 429 && retryAfterMs !== undefined;
      if (!throttled) await sleep(delay, signal);
      signal?.throwIfAborted();
    }
  }

  private url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  private one(request: GraphRequest): Promise<GraphAnswer> {
    return this.exchange(request.method, this.url(request.path), request.body, request.path, {
      cost: requestCost(request.method, request.path),
    });
  }

  /** Sends a request and validates a 2xx answer; anything else throws a GraphRequestError. */
  async send<T>(request: GraphRequest, schema: z.ZodType<T>): Promise<T> {
    return this.accept(request, await this.one(request), schema);
  }

  /** For writes that answer 204 or an object the app does not need. */
  async sendWithoutResult(request: GraphRequest): Promise<void> {
    const answer = await this.one(request);
    if (answer.status < 200 || answer.status > 299) throw this.failure(request, answer);
  }

  private accept<T>(request: GraphRequest, answer: GraphAnswer, schema: z.ZodType<T>): T {
    if (answer.status < 200 || answer.status > 299) throw this.failure(request, answer);
    const parsed = schema.safeParse(answer.body);
    if (parsed.success) return parsed.data;
    throw toGraphRequestError({
      method: request.method,
      path: request.path,
      status: 502,
      requestId: answer.requestId,
      body: { error: { code: "UnexpectedShape", message: parsed.error.issues[0]?.message } },
    });
  }

  private failure(request: GraphRequest, answer: GraphAnswer) {
    return toGraphRequestError({
      method: request.method,
      path: request.path,
      status: answer.status,
      body: answer.body,
      requestId: answer.requestId,
      retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")),
      throttleInformation: answer.headers.get("x-ms-throttle-information") ?? undefined,
      subject: request.subject,
    });
  }

  /** Every page of a collection, following `@odata.nextLink` exactly as Graph wrote it. */
  async *pages<T>(request: GraphRequest, itemSchema: z.ZodType<T>): AsyncGenerator<T[]> {
    let url: string | undefined = this.url(request.path);
    let path = request.path;
    while (url) {
      const answer = await this.exchange("GET", url, undefined, path, {
        cost: requestCost("GET", path),
      });
      const page = this.accept(request, answer, collectionPage(itemSchema));
      yield page.value;
      url = page["@odata.nextLink"];
      if (url) {
        const next = new URL(url);
        // The bearer token goes to Graph's own host only.
        if (next.origin !== this.origin) {
          throw toGraphRequestError({
            method: "GET",
            path,
            status: 502,
            body: { error: { code: "ForeignNextLink" } },
          });
        }
        path = `${next.pathname}${next.search}`;
      }
    }
  }

  /** A whole collection, all pages. */
  async listAll<T>(request: GraphRequest, itemSchema: z.ZodType<T>): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages(request, itemSchema)) items.push(...page);
    return items;
  }

  /**
   * Many requests through `$batch`: 20 per batch, a few batches in flight, throttled items retried
   * after the longest Retry-After. One result per request, in order; failures are results, not throws.
   */
  batch(requests: GraphRequest[], { signal }: CallOptions = {}): Promise<BatchItemResult[]> {
    return runBatches(requests, {
      // A $batch costs the sum of the requests it carries this time.
      post: (body, cost) =>
        this.exchange("POST", this.url("/$batch"), body, "/$batch", { cost, signal }),
      feedback: (request, status, header) =>
        this.feedback(requestCost(request.method, request.path), status, header),
      policy: this.policy,
      concurrency: this.options.batchConcurrency ?? 4,
      signal,
    });
  }
}
