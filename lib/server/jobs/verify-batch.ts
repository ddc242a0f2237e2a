import "server-only";
import type { GraphClient } from "../graph/client";
import type { GraphRequestError } from "../graph/errors";
import { graphRequests } from "../graph/requests";
import { type GraphUserLicensing, graphUserLicensingSchema } from "../graph/types";
import { loadLicensingContext, readGroupNames, readSubscribedSkus } from "../licensing/context";
import { diffSnapshots } from "../licensing/diff";
import { failingAssignments } from "../licensing/failing";
import { decideOutcome } from "../licensing/outcome";
import { expectsChange, failingStates, hasSettled } from "../licensing/settle";
import { groupIdsOf, toSnapshot, type UserReading } from "../licensing/snapshot";
import { pause } from "./pause";
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

/**
 * Polls the users in `$batch` reads until each has settled or its time is up, then decides each outcome
 * exactly as the single-user reprocess does: resolved, still in error (with the reason), unchanged, or
 * timed out; failed with Graph's error when the user can no longer be read. Undefined when stopped.
 */
export async function verifyWritten(
  graph: GraphClient,
  targets: readonly VerifyTarget[],
  timing: VerifyTiming,
  signal?: AbortSignal,
): Promise<VerifiedOutcome[] | undefined> {
  if (targets.length === 0) return [];
  const skus = await readSubscribedSkus(graph);
  const started = Date.now();
  const deadlines = targets.map(
    (t) =>
      started +
      (t.before && !expectsChange(t.before.user, skus, false)
        ? Math.min(timing.timeoutMs, timing.quietMs)
        : timing.timeoutMs),
  );
  const readings = new Array<UserReading | undefined>(targets.length);
  const settled = new Array<boolean>(targets.length).fill(false);
  const failed = new Map<number, GraphRequestError>();
  let pending = targets.map((_, index) => index);
  let delay = timing.firstDelayMs;
  while (pending.length > 0) {
    const nextDeadline = Math.min(...pending.map((index) => deadlines[index]!));
    await pause(Math.max(0, Math.min(delay, nextDeadline - Date.now())), signal);
    if (signal?.aborted) return undefined;
    const results = await graph.batch(
      pending.map((index) => graphRequests.userForSnapshot(targets[index]!.userId)),
    );
    results.forEach((result, position) => {
      const index = pending[position]!;
      if (!result.ok) {
        if (isPermanent(result.error)) failed.set(index, result.error);
        return;
      }
      const user = graphUserLicensingSchema.safeParse(result.body);
      if (!user.success) return;
      readings[index] = { user: user.data, readAt: new Date() };
      settled[index] = settledSince(targets[index]!, user.data);
    });
    const now = Date.now();
    pending = pending.filter(
      (index) => !failed.has(index) && !settled[index] && now < deadlines[index]!,
    );
    delay = Math.min(timing.maxDelayMs, delay * 1.6);
  }

  const known = readings.filter((r): r is UserReading => r !== undefined);
  const groupIds = [
    ...targets.flatMap((t) => (t.before ? groupIdsOf(t.before) : [])),
    ...known.flatMap(groupIdsOf),
  ];
  const context = await loadLicensingContext(skus, await readGroupNames(graph, groupIds));
  const waitedSeconds = Math.round((Date.now() - started) / 1000);
  return targets.map((target, index) => {
    const error = failed.get(index);
    if (error) {
      return {
        outcome: "failed",
        detail: { message: error.message, graphError: graphErrorDetail(error) },
      };
    }
    const after = readings[index];
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
      settled: settled[index] ?? false,
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
