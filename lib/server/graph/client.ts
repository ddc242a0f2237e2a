import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { sleep } from "../async/sleep";
import { within } from "../async/within";
import { ApiError } from "../http/api-error";
import { type BatchItemResult, parseUsage, runBatches } from "./batch";
import { toGraphRequestError } from "./errors";
import { leadingNextLink } from "./leading-next-link";
import { type GraphCost, requestCost } from "./pacing/costs";
import {
  type GraphLimit,
  type GraphPacer,
  type GraphPriority,
  INTERACTIVE_WAIT_MS,
} from "./pacing/pacer";
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

/** A page of a collection on its way, and its next link as soon as it is known. */
interface PageRead {
  answer: Promise<GraphAnswer>;
  nextLink: Promise<string | undefined>;
}

/** Graph's answer to one HTTP exchange, whatever its status. */
export interface GraphAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  requestId: string | undefined;
}

/** One HTTP exchange with Graph, as a history record names it for Microsoft support. */
export interface GraphCall {
  method: string;
  path: string;
  status: number;
  requestId: string | null;
  clientRequestId: string;
}

export interface GraphClientOptions {
  /** `https://graph.microsoft.com/v1.0` or the emulator's. */
  baseUrl: string;
  /** A Graph access token; called per attempt so a long retry never sends an expired one. */
  getToken: () => Promise<string>;
  retry?: RetryPolicy;
  /** Per attempt; a request that hangs longer is retried, then answered as a time-out. */
  timeoutMs?: number;
  /** Per call, every attempt, retry wait and budget wait included; then the caller hears "timeout". */
  deadlineMs?: number;
  /** `$batch` requests in flight at once. */
  batchConcurrency?: number;
  /** The tenant's shared budget, which every request is admitted by before it is sent. */
  pacer: GraphPacer;
  /** Interactive for a person waiting; bulk for job workers, which leave interactive calls a reserve. */
  priority: GraphPriority;
  /** Sees every answer Graph gives (each attempt), e.g. to record its request-id with the write. */
  onAnswer?: (call: GraphCall) => void;
}

/** Per call: a worker's stop signal ends a wait for the budget. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * How long Graph may take: a person waiting gets a short attempt and a bound on the whole call;
 * bulk work waits longer and stops only with its worker.
 */
const GRAPH_TIMING: Record<GraphPriority, { attemptMs: number; deadlineMs: number }> = {
  interactive: { attemptMs: 8_000, deadlineMs: 15_000 },
  bulk: { attemptMs: 30_000, deadlineMs: Number.POSITIVE_INFINITY },
};

/** How long the shared budget's database may take to admit a person's call, on top of the budget wait. */
const BUDGET_DATABASE_GRACE_MS = 2_000;

const isAbort = (error: unknown) =>
  error instanceof DOMException && (error.name === "AbortError" || error.name === "TimeoutError");

/** The shared budget lives in the app's database: when it fails or hangs, nothing was sent to Graph. */
function budgetUnavailable(cause: unknown): ApiError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  console.error(`[graph] the shared Graph budget could not be read: ${reason}`);
  return new ApiError(
    "service_unavailable",
    "Licensedesk's database did not answer, so the tenant's Graph budget could not be checked and " +
      "nothing was sent to Microsoft Graph; try again in a moment.",
  );
}

/** The limit a 429 or a usage header speaks of: Graph names it, or the request's kind tells. */
function limitOf(cost: GraphCost, information: string | null | undefined): GraphLimit {
  if (information === "ResourceUnitLimitExceeded") return "resourceUnits";
  if (information === "WriteLimitExceeded") return "writes";
  return cost.writes > 0 ? "writes" : "resourceUnits";
}

/** How logs and messages name a request: its path, marked when it goes to beta. */
const labelOf = (request: Pick<GraphRequest, "path" | "version">) =>
  request.version === "beta" ? `/beta${request.path}` : request.path;

/** The answer's text; `onHead` is shown its first bytes as they arrive, until it says it has seen enough. */
async function readText(res: Response, onHead?: (head: string) => boolean): Promise<string> {
  if (!onHead || !res.body) return res.text();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const parts: string[] = [];
  let watching = true;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    parts.push(part.value);
    if (watching) watching = !onHead(parts.join(""));
  }
  return parts.join("");
}

/** The body, parsed when it is JSON; `unreadable` when it says it is JSON but does not parse (cut short). */
async function readBody(
  res: Response,
  onHead?: (head: string) => boolean,
): Promise<{ body: unknown; unreadable: boolean }> {
  const text = await readText(res, onHead);
  if (text === "") return { body: undefined, unreadable: false };
  try {
    return { body: JSON.parse(text), unreadable: false };
  } catch {
    const saysJson = /json/i.test(res.headers.get("content-type") ?? "");
    return { body: text, unreadable: saysJson };
  }
}

/**
 * The only way the app talks to Microsoft Graph: base URL, tokens, pacing under the tenant's shared
 * budget, paging, `$batch`, Retry-After and backoff, and translation of Graph's errors into the app's
 * error table.
 */
export class GraphClient {
  private readonly baseUrl: string;
  /** The service root without its version, where `/beta` lives next to `/v1.0`. */
  private readonly serviceRoot: string;
  private readonly origin: string;
  private readonly policy: RetryPolicy;
  private sent = 0;

  constructor(private readonly options: GraphClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.serviceRoot = this.baseUrl.replace(/\/v1\.0$/i, "");
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
    try {
      if (status === 429) {
        const retryAfterMs = parseRetryAfter(header("retry-after"));
        if (retryAfterMs !== undefined) await pacer.throttled(limit, retryAfterMs);
        return;
      }
      const usage = parseUsage(header("x-ms-throttle-limit-percentage"));
      if (usage !== undefined) await pacer.observeUsage(limit, usage);
    } catch (error) {
      // Graph's answer stands (a write it reports has happened); only the pacer's hint is lost.
      console.warn(
        `[graph] Graph's ${status} could not be recorded in the shared budget: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Waits for the tenant's budget. A person's call waits no longer than its deadline allows, and a
   * database that fails or hangs is answered 503 at once rather than as an unknown error or never.
   */
  private async admit(cost: GraphCost, leftMs: number, signal: AbortSignal | undefined) {
    const { pacer, priority } = this.options;
    // Job workers handle their own database failures; their waits end with their stop signal.
    if (priority !== "interactive") return pacer.admit(cost, { priority, signal });
    const patience = Math.min(INTERACTIVE_WAIT_MS, leftMs);
    try {
      await within(
        pacer.admit(cost, { priority, signal, maxWaitMs: patience }),
        patience + BUDGET_DATABASE_GRACE_MS,
        () => new Error(`no answer within ${patience + BUDGET_DATABASE_GRACE_MS} ms`),
      );
    } catch (error) {
      if (error instanceof ApiError || isAbort(error)) throw error;
      throw budgetUnavailable(error);
    }
  }

  /**
   * One request, admitted by the pacer and retried on 429/503/504, network errors, time-outs and (for
   * reads) a JSON body cut short, within the call's deadline; any final status is returned.
   */
  private async exchange(
    method: string,
    url: string,
    body: unknown,
    label: string,
    {
      cost,
      signal,
      headers: extraHeaders,
      onHead,
    }: {
      cost: GraphCost;
      signal?: AbortSignal;
      headers?: Record<string, string>;
      /** Sees a successful answer's first bytes as they arrive (see `readText`). */
      onHead?: (head: string) => boolean;
    },
  ): Promise<GraphAnswer> {
    const timing = GRAPH_TIMING[this.options.priority];
    const attemptMs = this.options.timeoutMs ?? timing.attemptMs;
    const deadline = Date.now() + (this.options.deadlineMs ?? timing.deadlineMs);
    const timedOut = () => toGraphRequestError({ method, path: label, status: 0, timedOut: true });
    for (let retry = 0; ; retry++) {
      let answer: GraphAnswer | undefined;
      let unreadable = false;
      let timedOutNow = false;
      if (deadline - Date.now() <= 0) throw timedOut();
      // Every attempt spends budget at Graph, so every attempt is admitted.
      await this.admit(cost, deadline - Date.now(), signal);
      // A request once sent is not cut by a worker's stop signal: only its own time-out ends it.
      const attempt = AbortSignal.timeout(Math.max(1, Math.min(attemptMs, deadline - Date.now())));
      try {
        const token = await within(
          this.options.getToken(),
          Math.min(attemptMs, deadline - Date.now()),
          () => new DOMException("No Graph token in time.", "TimeoutError"),
        );
        const clientRequestId = randomUUID();
        const headers = new Headers({
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...extraHeaders,
          "client-request-id": clientRequestId,
        });
        if (body !== undefined) headers.set("content-type", "application/json");
        this.sent += 1;
        const res = await fetch(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: attempt,
          cache: "no-store",
        });
        const read = await readBody(res, res.ok ? onHead : undefined);
        unreadable = read.unreadable;
        answer = {
          status: res.status,
          headers: res.headers,
          body: read.body,
          requestId: res.headers.get("request-id") ?? undefined,
        };
        this.options.onAnswer?.({
          method,
          path: label,
          status: res.status,
          requestId: answer.requestId ?? null,
          clientRequestId,
        });
      } catch (error) {
        // Token failures are already in the app's terms; only transport errors are retried.
        if (error instanceof ApiError) throw error;
        timedOutNow = isAbort(error);
      }
      if (answer) {
        const { headers } = answer;
        await this.feedback(cost, answer.status, (name) => headers.get(name) ?? undefined);
      }
      // A read whose JSON was cut short is asked again; a write's answer is what it is.
      const readAgain = unreadable && method === "GET";
      if (answer && !isRetryableStatus(answer.status) && !readAgain) return answer;
      const retryAfterMs = answer ? parseRetryAfter(answer.headers.get("retry-after")) : undefined;
      const delay = retryDelay(retry, retryAfterMs, this.policy);
      // Waiting past the deadline helps nobody: the caller hears the last answer now.
      if (delay === undefined || Date.now() + delay >= deadline) {
        if (answer) return answer;
        throw toGraphRequestError({ method, path: label, status: 0, timedOut: timedOutNow });
      }
      const said = answer
        ? `${answer.status}${readAgain ? " with a body cut short" : ""} (request-id ${answer.requestId ?? "none"})`
        : timedOutNow
          ? "no answer in time"
          : "no answer";
      console.warn(
        `[graph] ${method} ${label}: ${said}, retry ${retry + 1}/${this.policy.maxRetries} in ${(delay / 1000).toFixed(2)} s`,
      );
      // After a 429 the pacer holds every caller until Retry-After, so admission does the waiting: a
      // person's call that would wait longer than they do is answered "throttled" at once.
      const throttled = answer?.status === 429 && retryAfterMs !== undefined;
      if (!throttled) await sleep(delay, signal);
      signal?.throwIfAborted();
    }
  }

  /** HTTP requests this client has sent, every attempt and `$batch` envelope counted once. */
  get requestsSent(): number {
    return this.sent;
  }

  private url(path: string, version?: "beta"): string {
    return version === "beta" ? `${this.serviceRoot}/beta${path}` : `${this.baseUrl}${path}`;
  }

  private one(request: GraphRequest): Promise<GraphAnswer> {
    return this.exchange(
      request.method,
      this.url(request.path, request.version),
      request.body,
      labelOf(request),
      { cost: requestCost(request.method, request.path), headers: request.headers },
    );
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
    return this.unreadable(request, answer, parsed.error.issues[0]?.message);
  }

  /** Graph said yes but its answer cannot be used: said as such, not as a status Graph never sent. */
  private unreadable(request: GraphRequest, answer: GraphAnswer, issue: string | undefined): never {
    if (typeof answer.body !== "string") {
      console.error(
        `[graph] ${request.method} ${request.path}: unexpected shape (${issue ?? "?"})`,
      );
    }
    throw toGraphRequestError({
      method: request.method,
      path: labelOf(request),
      status: answer.status,
      unreadable: true,
      requestId: answer.requestId,
      subject: request.subject,
    });
  }

  private failure(request: GraphRequest, answer: GraphAnswer) {
    return toGraphRequestError({
      method: request.method,
      path: labelOf(request),
      status: answer.status,
      body: answer.body,
      requestId: answer.requestId,
      retryAfterMs: parseRetryAfter(answer.headers.get("retry-after")),
      throttleInformation: answer.headers.get("x-ms-throttle-information") ?? undefined,
      subject: request.subject,
    });
  }

  /**
   * One page of a collection being read: its answer, and its next link as soon as the answer's first
   * bytes name it (`undefined` when they do not; the answer's own link then decides).
   */
  private readPage(request: GraphRequest, url: string): PageRead {
    let early: (link: string | undefined) => void = () => undefined;
    const nextLink = new Promise<string | undefined>((resolve) => (early = resolve));
    const answer = this.pageAnswer(request, url, (head) => {
      const link = leadingNextLink(head);
      if (link !== undefined) early(link ?? undefined);
      return link !== undefined;
    });
    // A page read ahead and then not needed (the caller stopped, or this one failed) fails quietly.
    answer.then(
      () => early(undefined),
      () => early(undefined),
    );
    return { answer, nextLink };
  }

  private async pageAnswer(
    request: GraphRequest,
    url: string,
    onHead: (head: string) => boolean,
  ): Promise<GraphAnswer> {
    const next = new URL(url);
    // The bearer token goes to Graph's own host only.
    if (next.origin !== this.origin) {
      throw toGraphRequestError({
        method: "GET",
        path: labelOf(request),
        status: 502,
        body: { error: { code: "ForeignNextLink" } },
      });
    }
    // Below the version, as costs and messages name paths.
    const path = `${next.pathname.replace(/^.*?\/(v1\.0|beta)(?=\/)/i, "")}${next.search}`;
    return this.exchange("GET", url, undefined, labelOf({ ...request, path }), {
      cost: requestCost("GET", path),
      headers: request.headers,
      onHead,
    });
  }

  /**
   * Every page of a collection, following `@odata.nextLink` exactly as Graph wrote it. The next page is
   * asked for as soon as this one's first bytes name it: Graph's paging is a chain of round trips, and
   * reading, parsing and checking a page of 999 need not hold it up.
   */
  async *pages<T>(request: GraphRequest, itemSchema: z.ZodType<T>): AsyncGenerator<T[]> {
    const schema = collectionPage(itemSchema);
    let current: PageRead | undefined = this.readPage(
      request,
      this.url(request.path, request.version),
    );
    while (current) {
      const early: string | undefined = await current.nextLink;
      let following: PageRead | undefined =
        early === undefined ? undefined : this.readPage(request, early);
      const page: { value: T[]; "@odata.nextLink"?: string } = this.accept(
        request,
        await current.answer,
        schema,
      );
      const link = page["@odata.nextLink"];
      // A link written after the items, or a retried answer's own, is followed once the page is in.
      if (link !== early) following = link === undefined ? undefined : this.readPage(request, link);
      current = following;
      yield page.value;
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
