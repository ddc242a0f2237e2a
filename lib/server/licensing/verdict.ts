import "server-only";
import type { LicenseDiff, ReprocessOutcome } from "@/lib/api/reprocess";
import { getServerEnv } from "../env";
import type { GraphUserLicensing } from "../graph/types";
import { diffSnapshots } from "./diff";
import { needsFixFirst } from "./explanations";
import { isFailing } from "./assignment-state";
import { failingAssignments, type LicensingContext, seatsOf } from "./failing";
import { decideOutcome } from "./outcome";
import { toSnapshot, type UserReading } from "./snapshot";

/** How a reprocess is watched, single-user and bulk alike. */
export interface WatchTiming {
  /** How long to wait for the licensing service when a change is expected. */
  timeoutMs: number;
  /** How long to watch when no change is expected (the cause is not fixed). */
  quietMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The one set of timings; the time-out is REPROCESS_TIMEOUT_SECONDS. */
export const watchTiming = (): WatchTiming => ({
  timeoutMs: getServerEnv().reprocessTimeoutMs,
  quietMs: 6_000,
  firstDelayMs: 500,
  maxDelayMs: 1_500,
});

/** Checks come quickly at first, when most reprocesses settle, then further apart. */
export const nextCheckDelay = (previousMs: number, timing: WatchTiming) =>
  Math.min(timing.maxDelayMs, previousMs * 1.6);

/** A reprocess Graph accepted, being watched. */
export interface ReprocessWatch {
  /** The reading just before the write; absent when an earlier worker wrote (the job selected the user in error). */
  before?: UserReading;
  /** The same request fixed the cause (a usage location was set), so a change is expected. */
  causeFixed: boolean;
  /** When Graph accepted the reprocess, epoch ms. */
  writtenAt: number;
}

export type Verdict =
  | { final: false; /** Check again no later than this (epoch ms). */ deadline: number }
  | { final: true; outcome: ReprocessOutcome; diff?: LicenseDiff };

export const failingStates = (user: GraphUserLicensing) =>
  (user.licenseAssignmentStates ?? []).filter(isFailing);

const fingerprint = (user: GraphUserLicensing) =>
  (user.licenseAssignmentStates ?? [])
    .map((s) =>
      [s.skuId, s.assignedByGroup ?? "direct", s.state, s.error, s.lastUpdatedDateTime]
        .join("|")
        .toLowerCase(),
    )
    .sort()
    .join(";");

/**
 * The licensing service has visibly acted: nothing is failing any more, or the assignment states (or
 * their timestamps) differ from before; without a reading from before, a state stamped after the write.
 */
function hasSettled({ before, writtenAt }: ReprocessWatch, now: GraphUserLicensing): boolean {
  if (failingStates(now).length === 0) return true;
  if (before) return fingerprint(before.user) !== fingerprint(now);
  return (now.licenseAssignmentStates ?? []).some(
    (s) => s.lastUpdatedDateTime && Date.parse(s.lastUpdatedDateTime) >= writtenAt,
  );
}

/**
 * Whether waiting in vain means "timed out" rather than "the cause is still there": the cause was just
 * fixed, seats are free again for a CountViolation, or reprocessing alone may clear the error.
 */
function expectsChange({ before, causeFixed }: ReprocessWatch, context: LicensingContext) {
  if (causeFixed || !before) return true;
  return failingStates(before.user).some((state) => {
    const code = state.error ?? "";
    if (code === "CountViolation") {
      const sku = context.skus.get(state.skuId.toLowerCase());
      return sku !== undefined && seatsOf(sku).available > 0;
    }
    return !needsFixFirst(code);
  });
}

/**
 * The one verdict on a reprocess, from the reading before the write, the latest reading after it and
 * the time of the write: still settling (check again), or final with its outcome (resolved, still in
 * error and why, unchanged, timed out) and the before/after diff.
 */
export function judgeReprocess(
  watch: ReprocessWatch,
  latest: UserReading | undefined,
  { now, context, timing }: { now: number; context: LicensingContext; timing: WatchTiming },
): Verdict {
  const expectedChange = expectsChange(watch, context);
  const settled = latest !== undefined && hasSettled(watch, latest.user);
  const watchMs = expectedChange ? timing.timeoutMs : Math.min(timing.timeoutMs, timing.quietMs);
  const deadline = watch.writtenAt + watchMs;
  if (!settled && now < deadline) return { final: false, deadline };
  const waitedSeconds = Math.round((now - watch.writtenAt) / 1000);
  if (!latest) {
    const message = `Microsoft Graph did not return this user within ${waitedSeconds} s. Check this user again in a minute.`;
    return { final: true, outcome: { kind: "timed_out", message, remaining: [] } };
  }
  const diff = watch.before
    ? diffSnapshots(toSnapshot(watch.before, context), toSnapshot(latest, context))
    : undefined;
  const outcome = decideOutcome({
    // A job selected its users in error; without a reading from before, that is what is known.
    failingBefore: watch.before ? failingStates(watch.before.user).length : 1,
    remaining: failingAssignments(latest.user, context),
    settled,
    expectedChange,
    waitedSeconds,
    summary: diff?.summary ?? "the licensing service acted",
  });
  return { final: true, outcome, diff };
}
