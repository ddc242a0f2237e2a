import "server-only";
import type { ReprocessResult } from "@/lib/api/reprocess";
import { sleep } from "../async/sleep";
import { getAppDatabase } from "../db/app-database";
import type { GraphCall } from "../graph/client";
import { type CallerGraph, graphFor } from "../graph/for-caller";
import { graphRequests } from "../graph/requests";
import type { Caller } from "../http/with-auth";
import { GroupNames, loadLicensingContext, readSubscribedSkus } from "./context";
import { toLicenseErrorRow } from "./failing";
import { recordHistory } from "../history/append";
import type { HistoryDraft } from "../history/draft";
import { reprocessFailure } from "./reprocess-failure";
import {
  MAX_RECORDED_CALLS,
  recordOfFailure,
  recordOfResult,
  type SingleWrite,
} from "./reprocess-history";
import { updateCachedRow } from "./scan-cache";
import { groupIdsOf, readUserLicensing, toSnapshot } from "./snapshot";
import { judgeReprocess, nextCheckDelay, type ReprocessWatch, watchTiming } from "./verdict";

interface ReprocessPlan {
  userId: string;
  /** Set the usage location first: the fix for ProhibitedInUsageLocationViolation. */
  usageLocation?: string;
}

/**
 * Read before → (fix) → reprocess → read until the verdict is final → outcome with the diff, and a history
 * record of it whatever the end. A failure says what had been written by then (reprocess-failure.ts).
 */
async function reprocessAndVerify(caller: Caller, plan: ReprocessPlan): Promise<ReprocessResult> {
  const calls: GraphCall[] = [];
  const callerGraph = await graphFor(caller, {
    onAnswer: (call) => void (calls.length < MAX_RECORDED_CALLS && calls.push(call)),
  });
  const write: SingleWrite = {
    caller,
    tenantId: callerGraph.tenantId,
    mode: callerGraph.mode,
    userId: plan.userId,
    usageLocation: plan.usageLocation,
    progress: { step: "reading" },
    before: null,
    calls,
  };
  let result: ReprocessResult;
  try {
    result = await runReprocess(callerGraph, plan, write);
  } catch (error) {
    const failure = reprocessFailure(error, write.progress);
    await keepOnRecord(recordOfFailure(write, failure, error));
    throw failure;
  }
  await keepOnRecord(recordOfResult(write, result));
  return result;
}

/** The change is made in the directory whatever happens here: a record that cannot be written is said loudly. */
async function keepOnRecord(draft: HistoryDraft): Promise<void> {
  try {
    await recordHistory(await getAppDatabase(), [draft]);
  } catch (error) {
    console.error(
      `[history] ${draft.action} of ${draft.target?.userId ?? "?"} by ${draft.actor.name} could not be recorded:`,
      error,
    );
  }
}

async function runReprocess(
  { graph, tenantId }: CallerGraph,
  plan: ReprocessPlan,
  write: SingleWrite,
): Promise<ReprocessResult> {
  const { progress } = write;
  const skus = readSubscribedSkus(graph);
  skus.catch(() => undefined);
  const before = await readUserLicensing(graph, plan.userId);
  write.before = before;
  // Later calls use the object id, whichever form the caller used.
  const userId = before.user.id;
  const causeFixed =
    plan.usageLocation !== undefined && plan.usageLocation !== (before.user.usageLocation ?? null);
  if (plan.usageLocation !== undefined && causeFixed) {
    progress.step = "setting_usage_location";
    await graph.sendWithoutResult(graphRequests.setUsageLocation(userId, plan.usageLocation));
    progress.usageLocationSet = plan.usageLocation;
  }
  progress.step = "reprocessing";
  await graph.sendWithoutResult(graphRequests.reprocessLicenseAssignment(userId));
  progress.step = "verifying";
  const watch: ReprocessWatch = { before, causeFixed, writtenAt: Date.now() };

  const groups = new GroupNames();
  await groups.include(graph, groupIdsOf(before));
  const skusNow = await skus;
  const timing = watchTiming();
  let delay = timing.firstDelayMs;
  let deadline = Infinity;
  for (;;) {
    await sleep(Math.min(delay, deadline - Date.now()));
    delay = nextCheckDelay(delay, timing);
    const latest = await readUserLicensing(graph, userId);
    // A group that appeared meanwhile is named in the outcome too.
    await groups.include(graph, groupIdsOf(latest));
    const context = await loadLicensingContext(skusNow, groups.known);
    const verdict = judgeReprocess(watch, latest, { now: Date.now(), context, timing });
    if (!verdict.final) {
      deadline = verdict.deadline;
      continue;
    }
    updateCachedRow(tenantId, userId, toLicenseErrorRow(latest.user, context));
    return {
      userId,
      before: toSnapshot(before, context),
      after: toSnapshot(latest, context),
      // With a reading from before, a final verdict always carries the diff.
      diff: verdict.diff!,
      outcome: verdict.outcome,
    };
  }
}

/** `POST /api/users/{id}/reprocess`: reprocess one user and verify what happened. */
export async function reprocessUser(caller: Caller, userId: string): Promise<ReprocessResult> {
  return reprocessAndVerify(caller, { userId });
}

/** `POST /api/users/{id}/usage-location`: set the usage location, then reprocess and verify. */
export async function setUsageLocationAndReprocess(
  caller: Caller,
  userId: string,
  usageLocation: string,
): Promise<ReprocessResult> {
  return reprocessAndVerify(caller, { userId, usageLocation });
}
