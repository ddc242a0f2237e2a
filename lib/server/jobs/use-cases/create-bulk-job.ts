import "server-only";
import { randomUUID } from "node:crypto";
import type { JobEstimate, JobSelection, JobView } from "@/lib/api/jobs";
import { getServerEnv } from "@/lib/server/env";
import { graphFor } from "@/lib/server/graph/for-caller";
import { ApiError } from "@/lib/server/http/api-error";
import type { Caller } from "@/lib/server/http/with-auth";
import { createJob } from "@/lib/server/jobs/store/create-job";
import { listJobs } from "@/lib/server/jobs/store/queries";
import { getTenantPacer } from "@/lib/server/graph/pacing/tenant-pacer";
import { actorOf, sealCreatorCredential } from "@/lib/server/jobs/credentials/job-credentials";
import { jobsContext } from "./context";
import { tenantJobOrThrow, viewOf } from "./read-jobs";
import { resolveSelection } from "./resolve-selection";

/** Checks after the last write: the licensing service's settling time, roughly. */
const VERIFY_ALLOWANCE_SECONDS = 10;

/** `POST /api/jobs`: stores a job with one item per user (audited as job.created) and answers it. */
export async function createBulkJob(
  caller: Caller,
  selection: JobSelection,
): Promise<{ job: JobView }> {
  const context = await jobsContext(caller);
  const resolved = await resolveSelection(await graphFor(caller), selection);
  if (resolved.items.length === 0) {
    throw new ApiError(
      "bad_request",
      "There is nobody to reprocess: no user in error matches this selection any more.",
    );
  }
  const id = randomUUID();
  await createJob(context.database, {
    id,
    tenantId: context.tenantId,
    createdBy: actorOf(caller),
    selection: { description: resolved.description, criteria: resolved.criteria },
    items: resolved.items,
    now: context.now,
    credential: sealCreatorCredential(caller, context.settings, id),
  });
  return { job: await viewOf(context, await tenantJobOrThrow(context, id)) };
}

/** `POST /api/jobs/estimate`: how many users, and how long they take behind the jobs already running. */
export async function estimateBulkJob(
  caller: Caller,
  selection: JobSelection,
): Promise<JobEstimate> {
  const context = await jobsContext(caller);
  // Explicit ids are counted as they are; unknown ones are only refused when the job is created.
  const users =
    selection.kind === "users"
      ? new Set(selection.userIds.map((id) => id.toLowerCase())).size
      : (await resolveSelection(await graphFor(caller), selection)).items.length;
  const open = (await listJobs(context.database, { tenantId: context.tenantId, recent: 0 })).filter(
    (job) => job.status !== "completed" && job.status !== "cancelled",
  );
  const ahead = open.reduce(
    (sum, job) => sum + job.progress.states.pending + job.progress.states.in_flight,
    0,
  );
  const pacer = await getTenantPacer(context.settings);
  const waitMs = users === 0 ? 0 : await pacer.estimateWritesMs(ahead + users);
  const { capacity, windowMs } = getServerEnv().graphLimits.writes;
  return {
    users,
    expectedSeconds: users === 0 ? 0 : Math.ceil(waitMs / 1000) + VERIFY_ALLOWANCE_SECONDS,
    writesPerMinute: Math.round((capacity / windowMs) * 60_000),
    jobsRunning: open.length,
  };
}
