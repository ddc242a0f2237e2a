import "server-only";
import { z } from "zod";
import type { ErrorCode } from "@/lib/api/error-codes";
import { ApiError, type ApiErrorDetails } from "../http/api-error";

/** Graph's error body: `{ error: { code, message, innerError: { request-id, date } } }`. */
const graphErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    innerError: z.object({ "request-id": z.string().optional() }).optional(),
  }),
});

/** What went wrong with one Graph request, as far as the logs and the mapping need it. */
export interface GraphFailure {
  method: string;
  /** Path below the version, e.g. `/users/{id}`; never a token or a body. */
  path: string;
  /** 0 when no answer came (network error or time-out). */
  status: number;
  body?: unknown;
  requestId?: string;
  retryAfterMs?: number;
  /** Graph's `x-ms-throttle-information` on a 429, e.g. `WriteLimitExceeded`. */
  throttleInformation?: string;
  /** Names the object the request was about, e.g. `user 'adele@contoso.com'`. */
  subject?: string;
  timedOut?: boolean;
  /** Graph answered, but the body could not be read (cut short, not JSON, not the shape expected). */
  unreadable?: boolean;
}

/** Graph's code on an answer that could not be read, which carries none of its own. */
export const UNREADABLE_ANSWER = "UnreadableAnswer";

/** A Graph request that failed, translated into the app's error table; never Graph's body raw. */
export class GraphRequestError extends ApiError {
  override name = "GraphRequestError";

  constructor(
    code: ErrorCode,
    message: string,
    details: ApiErrorDetails,
    /** Graph's status and error code, for the log and for callers that branch on them. */
    readonly graph: { status: number; code: string | undefined; requestId: string | undefined },
    /** Graph's Retry-After to the millisecond and which limit it hit, for callers that pace themselves. */
    readonly throttle: { retryAfterMs?: number; information?: string } = {},
  ) {
    super(code, message, details);
  }
}

export function graphErrorCode(body: unknown): { code?: string; message?: string } {
  const parsed = graphErrorBodySchema.safeParse(body);
  return parsed.success ? { code: parsed.data.error.code, message: parsed.data.error.message } : {};
}

function translate(failure: GraphFailure, code: string | undefined, message: string | undefined) {
  const said = message ? `: ${message}` : "";
  const { status, subject } = failure;
  if (failure.unreadable) {
    return {
      code: "upstream_error" as const,
      text: `Microsoft Graph's answer (${status}) could not be read; try again in a moment.`,
    };
  }
  if (status === 0) {
    return failure.timedOut
      ? { code: "timeout" as const, text: "Microsoft Graph did not answer in time; try again." }
      : {
          code: "upstream_error" as const,
          text: "Microsoft Graph could not be reached; try again.",
        };
  }
  if (status === 404) {
    return {
      code: "not_found" as const,
      text: subject ? `No ${subject} in the directory.` : `Microsoft Graph found nothing${said}`,
    };
  }
  if (status === 403) {
    return { code: "forbidden" as const, text: `Microsoft Graph refused the request${said}` };
  }
  if (status === 429) {
    const seconds = failure.retryAfterMs === undefined ? undefined : failure.retryAfterMs / 1000;
    const wait = seconds === undefined ? "in a moment" : `in ${Math.ceil(seconds)} s`;
    return {
      code: "throttled" as const,
      text: `Microsoft Graph is throttling Licensedesk; try again ${wait}.`,
    };
  }
  if (status === 400) {
    return { code: "bad_request" as const, text: `Microsoft Graph rejected the request${said}` };
  }
  const name = code ? ` ${code}` : "";
  return {
    code: "upstream_error" as const,
    text: `Microsoft Graph answered ${status}${name}; try again in a moment.`,
  };
}

/** Maps a failed Graph request to the app's error codes and logs it with Graph's request id. */
export function toGraphRequestError(failure: GraphFailure): GraphRequestError {
  const said = graphErrorCode(failure.body);
  const code = failure.unreadable ? UNREADABLE_ANSWER : said.code;
  const { message } = said;
  const { code: appCode, text } = translate(failure, code, message);
  const details: ApiErrorDetails =
    appCode === "throttled"
      ? { retryAfterSeconds: Math.ceil((failure.retryAfterMs ?? 1000) / 1000) }
      : {};
  console.error(
    `[graph] ${failure.method} ${failure.path} failed: ${failure.status || "no answer"}` +
      `${code ? ` ${code}` : ""} (request-id ${failure.requestId ?? "none"}) → ${appCode}`,
  );
  return new GraphRequestError(
    appCode,
    text,
    details,
    { status: failure.status, code, requestId: failure.requestId },
    { retryAfterMs: failure.retryAfterMs, information: failure.throttleInformation },
  );
}

// 501 and 505 and up (507 quotaLimitReached) say the request cannot work; the rest of 5xx is passing trouble.
const PASSING_STATUSES = new Set([0, 408, 429, 500, 502, 503, 504]);

/**
 * Asking again later may work: no answer or an unreadable one, a time-out, throttling, or server
 * trouble. Anything else (400, 403, 404, …) will be answered the same way again.
 */
export const isPassingFailure = (error: GraphRequestError) =>
  PASSING_STATUSES.has(error.graph.status) || error.graph.code === UNREADABLE_ANSWER;

/** No answer, or one that could not be read: Graph may have done what was asked. */
export const outcomeUnknown = (error: GraphRequestError) =>
  error.graph.status === 0 || error.graph.code === UNREADABLE_ANSWER;
