import "server-only";
import type { ReprocessResult } from "@/lib/api/reprocess";
import { sleep } from "../async/pool";
import { getServerEnv } from "../env";
import { type CallerGraph, graphFor } from "../graph/for-caller";
import { graphRequests } from "../graph/requests";
import { ApiError } from "../http/api-error";
import type { Caller } from "../http/with-auth";
import { getWriteBudget } from "../jobs/service/budgets";
import { loadLicensingContext, readGroupNames, readSubscribedSkus } from "./context";
import { diffSnapshots } from "./diff";
import { failingAssignments, toLicenseErrorRow } from "./failing";
import { decideOutcome } from "./outcome";
import { expectsChange, failingStates, pollUntilSettled } from "./settle";
import { updateCachedRow } from "./scan-cache";
import { groupIdsOf, readUserLicensing, toSnapshot } from "./snapshot";

/** How long to watch for a change nobody expects (the cause is not fixed) before answering. */
const QUIET_WINDOW_MS = 6_000;

/** The longest a single reprocess waits for the shared write budget before answering "throttled". */
const BUDGET_WAIT_MS = 5_000;

/**
 * Takes this reprocess's writes from the budget bulk jobs share, from the part they leave free, so it
 * is counted against Graph's limit and never queues behind a job; waits briefly when even that is spent.
 */
async function takeInteractiveWrites(writes: number): Promise<void> {
  const budget = await getWriteBudget();
  const deadline = Date.now() + BUDGET_WAIT_MS;
  for (;;) {
    const grant = await budget.acquire(writes, Date.now(), {
      priority: "interactive",
      minimum: writes,
    });
    if (grant.granted > 0) return;
    if (Date.now() + grant.waitMs > deadline) {
      const seconds = Math.ceil(grant.waitMs / 1000);
      throw new ApiError(
        "throttled",
        `Microsoft Graph's write limit for this tenant is used up for now; try again in ${seconds} s.`,
        { retryAfterSeconds: seconds },
      );
    }
    await sleep(grant.waitMs);
  }
}

interface ReprocessPlan {
  userId: string;
  /** Set the usage location first: the fix for ProhibitedInUsageLocationViolation. */
  usageLocation?: string;
}

/** Read before → (fix) → reprocess → poll until settled → read after → diff and outcome. */
async function reprocessAndVerify(
  { graph, tenantId }: CallerGraph,
  plan: ReprocessPlan,
): Promise<ReprocessResult> {
  const skusBefore = readSubscribedSkus(graph);
  skusBefore.catch(() => undefined);
  const before = await readUserLicensing(graph, plan.userId);
  // Later calls use the object id, whichever form the caller used.
  const userId = before.user.id;
  const locationChanged =
    plan.usageLocation !== undefined && plan.usageLocation !== (before.user.usageLocation ?? null);
  await takeInteractiveWrites(locationChanged ? 2 : 1);
  if (plan.usageLocation !== undefined && locationChanged) {
    await graph.sendWithoutResult(graphRequests.setUsageLocation(userId, plan.usageLocation));
  }
  await graph.sendWithoutResult(graphRequests.reprocessLicenseAssignment(userId));

  const expectedChange = expectsChange(before.user, await skusBefore, locationChanged);
  const { reprocessTimeoutMs } = getServerEnv();
  const timeoutMs = expectedChange
    ? reprocessTimeoutMs
    : Math.min(reprocessTimeoutMs, QUIET_WINDOW_MS);
  const started = Date.now();
  const { reading: after, settled } = await pollUntilSettled(
    () => readUserLicensing(graph, userId),
    before.user,
    {
      timeoutMs,
      firstDelayMs: 300,
      maxDelayMs: 2_000,
    },
  );

  // Seats as they are now, so a remaining CountViolation shows the current counts.
  const [skus, groupNames] = await Promise.all([
    readSubscribedSkus(graph),
    readGroupNames(graph, [...groupIdsOf(before), ...groupIdsOf(after)]),
  ]);
  const context = await loadLicensingContext(skus, groupNames);
  const beforeSnapshot = toSnapshot(before, context);
  const afterSnapshot = toSnapshot(after, context);
  const diff = diffSnapshots(beforeSnapshot, afterSnapshot);
  const outcome = decideOutcome({
    failingBefore: failingStates(before.user).length,
    remaining: failingAssignments(after.user, context),
    settled,
    expectedChange,
    waitedSeconds: Math.round((Date.now() - started) / 1000),
    summary: diff.summary,
  });
  updateCachedRow(tenantId, userId, toLicenseErrorRow(after.user, context));
  return { userId, before: beforeSnapshot, after: afterSnapshot, diff, outcome };
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
