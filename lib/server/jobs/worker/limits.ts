import "server-only";
import { backoffDelay } from "@/lib/server/graph/retry";

export interface WorkerLimits {
  /** Items leased per claim. */
  claimMax: number;
  /** `$batch` writes one worker has in flight: the tenant's budget, not the round trip, sets the speed. */
  batchesInFlight: number;
  /** Written items being checked above which the worker claims nothing new. */
  maxChecking: number;
  leaseMs: number;
  /**
   * Attempts before passing trouble becomes final: writes (stored on the item, across workers), and
   * checks of one written item in a row.
   */
  maxAttempts: number;
  /** Backoff for transient failures Graph gives no Retry-After for. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Pause when nothing is claimable. */
  idleMs: number;
  /** How long a job's items wait when its credentials are unavailable. */
  credentialsWaitMs: number;
  /** How often a job's status is read while its batches wait for the budget, so a pause or cancel stops them. */
  statusPollMs: number;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = {
  claimMax: 60,
  batchesInFlight: 3,
  maxChecking: 400,
  leaseMs: 60_000,
  maxAttempts: 6,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  idleMs: 1_000,
  credentialsWaitMs: 10_000,
  statusPollMs: 1_000,
};

/**
 * How long to wait after failure number `failures` (1-based): exponential backoff with jitter (`random`
 * shared by items that should stay together), and never less than Graph's Retry-After.
 */
export function retryDelayMs(
  failures: number,
  limits: Pick<WorkerLimits, "maxAttempts" | "backoffBaseMs" | "backoffMaxMs">,
  retryAfterMs: number | undefined = undefined,
  random: number = Math.random(),
): number {
  const policy = {
    maxRetries: limits.maxAttempts,
    baseDelayMs: limits.backoffBaseMs,
    maxDelayMs: limits.backoffMaxMs,
    maxRetryAfterMs: Number.POSITIVE_INFINITY,
  };
  const backoff = backoffDelay(Math.max(0, failures - 1), policy, () => random);
  return Math.ceil(Math.max(backoff, retryAfterMs ?? 0));
}
