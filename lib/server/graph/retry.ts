import "server-only";

/** How hard the Graph client tries before giving up on a throttled or failing request. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff when Graph gives no Retry-After; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the caller hears "throttled" at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 400,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

/** Throttling and gateway trouble: Graph says asking again later may work. */
export const isRetryableStatus = (status: number) =>
  status === 429 || status === 503 || status === 504;

/** Retry-After in milliseconds: seconds (fractional, as Graph sends them) or an HTTP date. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: half the doubled delay plus a random half, capped. */
export function backoffDelay(
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** How long to wait before retry number `retry` (0-based), or undefined when it is not worth waiting. */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
): number | undefined {
  if (retry >= policy.maxRetries) return undefined;
  if (retryAfterMs !== undefined) {
    return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
  }
  return backoffDelay(retry, policy);
}
