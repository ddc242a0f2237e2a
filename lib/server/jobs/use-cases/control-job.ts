import "server-only";
import type { JobAction, JobView } from "@/lib/api/jobs";
import { resumeRefusal } from "@/lib/api/resume-refusal";
import { ApiError } from "@/lib/server/http/api-error";
import type { Caller } from "@/lib/server/http/with-auth";
import { cancelJob, pauseJob, resumeJob } from "@/lib/server/jobs/store/job-control";
import type { JobStatus } from "@/lib/server/jobs/store/types";
import { jobsContext } from "./context";
import { tenantJobOrThrow, viewOf } from "./read-jobs";
import { actorOf } from "@/lib/server/jobs/credentials/job-credentials";

const CONTROLS = { pause: pauseJob, resume: resumeJob, cancel: cancelJob };

const REFUSAL: Record<JobAction, string> = {
  pause: "Only a queued or running job can be paused",
  resume: "Only a paused job can be resumed",
  cancel: "Only a queued, running or paused job can be cancelled",
};

/** Asking for what already holds (a second click, another tab) answers the job as it is. */
const ALREADY: Record<JobAction, JobStatus[]> = {
  pause: ["paused"],
  resume: ["queued", "running"],
  cancel: ["cancelling", "cancelled"],
};

const describeStatus = (status: JobStatus) =>
  status === "cancelling" ? "is being cancelled" : `is ${status}`;

/**
 * `POST /api/jobs/{id}/{pause|resume|cancel}`: applies it (audited) and answers the job as it is now.
 * A creator's resume of a job that waited for their sign-in finds it resumed already by that request.
 * In delegated mode only the creator may resume (403 for anyone else, naming them and why).
 */
export async function controlTenantJob(
  caller: Caller,
  jobId: string,
  action: JobAction,
): Promise<{ job: JobView }> {
  const context = await jobsContext(caller);
  const before = await tenantJobOrThrow(context, jobId);
  // Pause and cancel stay open to every operator: they send nothing to Graph, and whoever is on duty
  // must be able to stop a job doing harm while its creator is away.
  const refusal =
    action === "resume" && resumeRefusal(before.createdBy, caller.user.oid, context.settings.mode);
  if (refusal) throw new ApiError("forbidden", refusal);
  const applied = await CONTROLS[action](context.database, {
    jobId,
    actor: actorOf(caller),
    now: context.now,
  });
  const job = await tenantJobOrThrow(context, jobId);
  if (!applied && !ALREADY[action].includes(job.status)) {
    throw new ApiError(
      "bad_request",
      `${REFUSAL[action]}; this job ${describeStatus(job.status)}.`,
    );
  }
  return { job: await viewOf(context, job) };
}
