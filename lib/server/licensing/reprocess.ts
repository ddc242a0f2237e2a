import "server-only";
import type { ReprocessResult } from "@/lib/api/reprocess";
import { sleep } from "../async/sleep";
import { type CallerGraph, graphFor } from "../graph/for-caller";
import { graphRequests } from "../graph/requests";
import type { Caller } from "../http/with-auth";
import { GroupNames, loadLicensingContext, readSubscribedSkus } from "./context";
import { toLicenseErrorRow } from "./failing";
import { type ReprocessProgress, reprocessFailure } from "./reprocess-failure";
import { updateCachedRow } from "./scan-cache";
import { groupIdsOf, readUserLicensing, toSnapshot } from "./snapshot";
import { judgeReprocess, nextCheckDelay, type ReprocessWatch, watchTiming } from "./verdict";

interface ReprocessPlan {
  userId: string;
  /** Set the usage location first: the fix for ProhibitedInUsageLocationViolation. */
  usageLocation?: string;
}

/**
 * Read before → (fix) → reprocess → read until the verdict is final → outcome with the diff. A
 * failure says what had been written by then (reprocess-failure.ts).
 */
async function reprocessAndVerify(callerGraph: CallerGraph, plan: ReprocessPlan) {
  const progress: ReprocessProgress = { step: "reading" };
  try {
    return await runReprocess(callerGraph, plan, progress);
  } catch (error) {
    throw reprocessFailure(error, progress);
  }
}

async function runReprocess(
  { graph, tenantId }: CallerGraph,
  plan: ReprocessPlan,
  progress: ReprocessProgress,
): Promise<ReprocessResult> {
  const skus = readSubscribedSkus(graph);
  skus.catch(() => undefined);
  const before = await readUserLicensing(graph, plan.userId);
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
  return reprocessAndVerify(await graphFor(caller), { userId });
}

/** `POST /api/users/{id}/usage-location`: set the usage location, then reprocess and verify. */
export async function setUsageLocationAndReprocess(
  caller: Caller,
  userId: string,
  usageLocation: string,
): Promise<ReprocessResult> {
  return reprocessAndVerify(await graphFor(caller), { userId, usageLocation });
}
