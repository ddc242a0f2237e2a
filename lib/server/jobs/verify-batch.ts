import "server-only";
import type { BatchItemResult } from "../graph/batch";
import type { GraphClient } from "../graph/client";
import type { GraphRequestError } from "../graph/errors";
import {
  type GraphSubscribedSku,
  type GraphUserLicensing,
  graphUserLicensingSchema,
} from "../graph/types";
import { loadLicensingContext, readGroupNames } from "../licensing/context";
import { diffSnapshots } from "../licensing/diff";
import { failingAssignments } from "../licensing/failing";
import { decideOutcome } from "../licensing/outcome";
import { expectsChange, failingStates, hasSettled } from "../licensing/settle";
import { groupIdsOf, toSnapshot, type UserReading } from "../licensing/snapshot";
import type { ItemOutcome, OutcomeDetail } from "./types";

/** A user whose reprocess Graph accepted, to be checked. */
export interface VerifyTarget {
  userId: string;
  /** The reading taken just before the write; absent when another worker wrote (e.g. before a crash). */
  before?: UserReading;
  writtenAt: number;
}

export interface VerifyTiming {
  /** How long to wait for the licensing service when a change is expected. */
  timeoutMs: number;
  /** How long to watch when no change is expected (the cause is not fixed), as the single-user flow. */
  quietMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** What the checks of one user have seen so far. */
export interface Observation {
  reading?: UserReading;
  settled: boolean;
  /** Graph can no longer read the user (404, 403): final. */
  failed?: GraphRequestError;
}

export interface VerifiedOutcome {
  outcome: ItemOutcome;
  detail: OutcomeDetail;
}

export const graphErrorDetail = (error: GraphRequestError): OutcomeDetail["graphError"] => ({
  status: error.graph.status,
  code: error.graph.code ?? error.code,
  message: error.message,
});

const isPermanent = (error: GraphRequestError) =>
  error.graph.status === 404 || error.graph.status === 403;

// Without a reading from before the write, a state stamped after the write shows the service acted.
function settledSince(target: VerifyTarget, user: GraphUserLicensing): boolean {
  if (target.before) return hasSettled(target.before.user, user);
  return (
    failingStates(user).length === 0 ||
    (user.licenseAssignmentStates ?? []).some(
      (s) => s.lastUpdatedDateTime && Date.parse(s.lastUpdatedDateTime) >= target.writtenAt,
    )
  );
}

/** How long to watch a user, as the single-user flow: the full time-out only when a change is expected. */
export const watchMs = (target: VerifyTarget, skus: GraphSubscribedSku[], timing: VerifyTiming) =>
  target.before && !expectsChange(target.before.user, skus, false)
    ? Math.min(timing.timeoutMs, timing.quietMs)
    : timing.timeoutMs;

/** Folds one `$batch` answer for the user into what was seen; transient failures change nothing. */
export function observe(
  target: VerifyTarget,
  seen: Observation,
  result: BatchItemResult,
): Observation {
  if (!result.ok) return isPermanent(result.error) ? { ...seen, failed: result.error } : seen;
  const user = graphUserLicensingSchema.safeParse(result.body);
  if (!user.success) return seen;
  return {
    reading: { user: user.data, readAt: new Date() },
    settled: settledSince(target, user.data),
  };
}

export const isDone = (seen: Observation) => seen.failed !== undefined || seen.settled;

/** Groups named in the readings, whose names the outcomes mention. */
export const groupsToName = (checks: readonly { target: VerifyTarget; seen: Observation }[]) => [
  ...new Set(
    checks.flatMap(({ target, seen }) => [
      ...(target.before ? groupIdsOf(target.before) : []),
      ...(seen.reading ? groupIdsOf(seen.reading) : []),
    ]),
  ),
];

/**
 * Decides each checked user's outcome exactly as the single-user reprocess does: resolved, still in error
 * (with the reason), unchanged, or timed out; failed with Graph's error when the user can no longer be read.
 */
export async function decideOutcomes(
  graph: GraphClient,
  skus: GraphSubscribedSku[],
  checks: readonly { target: VerifyTarget; seen: Observation; waitedMs: number }[],
): Promise<VerifiedOutcome[]> {
  const context = await loadLicensingContext(
    skus,
    await readGroupNames(graph, groupsToName(checks)),
  );
  return checks.map(({ target, seen, waitedMs }) => {
    const waitedSeconds = Math.round(waitedMs / 1000);
    if (seen.failed) {
      return {
        outcome: "failed",
        detail: { message: seen.failed.message, graphError: graphErrorDetail(seen.failed) },
      };
    }
    const after = seen.reading;
    if (!after) {
      return {
        outcome: "timed_out",
        detail: {
          message: `Microsoft Graph did not return this user within ${waitedSeconds} s. Check this user again in a minute.`,
        },
      };
    }
    const diff = target.before
      ? diffSnapshots(toSnapshot(target.before, context), toSnapshot(after, context))
      : undefined;
    const result = decideOutcome({
      // The job selected users in error; without a reading from before, that is what we know.
      failingBefore: target.before ? failingStates(target.before.user).length : 1,
      remaining: failingAssignments(after.user, context),
      settled: seen.settled,
      expectedChange: target.before ? expectsChange(target.before.user, skus, false) : true,
      waitedSeconds,
      summary: diff?.summary ?? "the licensing service acted",
    });
    return {
      outcome: result.kind,
      detail: { message: result.message, ...(diff ? { diffSummary: diff.summary } : {}) },
    };
  });
}
