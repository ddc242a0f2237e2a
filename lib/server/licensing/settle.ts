import "server-only";
import { sleep } from "../async/pool";
import type { GraphUserLicensing, GraphSubscribedSku } from "../graph/types";
import { needsFixFirst } from "./explanations";
import { isFailing, seatsOf } from "./failing";
import type { UserReading } from "./snapshot";

const fingerprint = (user: GraphUserLicensing) =>
  (user.licenseAssignmentStates ?? [])
    .map((s) =>
      [s.skuId, s.assignedByGroup ?? "direct", s.state, s.error, s.lastUpdatedDateTime]
        .join("|")
        .toLowerCase(),
    )
    .sort()
    .join(";");

export const failingStates = (user: GraphUserLicensing) =>
  (user.licenseAssignmentStates ?? []).filter(isFailing);

/**
 * The licensing service has visibly acted: nothing is failing any more, or the assignment states
 * (or their timestamps) differ from what they were before the reprocess.
 */
export const hasSettled = (before: GraphUserLicensing, now: GraphUserLicensing): boolean =>
  failingStates(now).length === 0 || fingerprint(before) !== fingerprint(now);

/**
 * Whether a change is to be expected, so that waiting in vain means "timed out" rather than
 * "the cause is still there": the caller just fixed something, seats are free again for a
 * CountViolation, or the error is one that reprocessing alone may clear.
 */
export function expectsChange(
  before: GraphUserLicensing,
  skus: readonly GraphSubscribedSku[],
  causeFixed: boolean,
): boolean {
  if (causeFixed) return true;
  return failingStates(before).some((state) => {
    const code = state.error ?? "";
    if (code === "CountViolation") {
      const sku = skus.find((s) => s.skuId.toLowerCase() === state.skuId.toLowerCase());
      return sku !== undefined && seatsOf(sku).available > 0;
    }
    return !needsFixFirst(code);
  });
}

export interface PollTiming {
  /** Give up waiting for a change after this long. */
  timeoutMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** Reads the user with growing pauses until the states settle or the time is up. */
export async function pollUntilSettled(
  read: () => Promise<UserReading>,
  before: GraphUserLicensing,
  { timeoutMs, firstDelayMs, maxDelayMs }: PollTiming,
): Promise<{ reading: UserReading; settled: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let delay = firstDelayMs;
  for (;;) {
    await sleep(Math.max(0, Math.min(delay, deadline - Date.now())));
    const reading = await read();
    if (hasSettled(before, reading.user)) return { reading, settled: true };
    if (Date.now() >= deadline) return { reading, settled: false };
    delay = Math.min(maxDelayMs, delay * 1.6);
  }
}
