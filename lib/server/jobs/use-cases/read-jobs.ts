import "server-only";
import type { JobView, ListJobItemsQuery } from "@/lib/api/jobs";
import { ApiError } from "@/lib/server/http/api-error";
import type { Caller } from "@/lib/server/http/with-auth";
import { getJob, listJobItems, listJobs } from "@/lib/server/jobs/store/queries";
import type { JobSummary } from "@/lib/server/jobs/store/types";
import { type JobsContext, jobsContext } from "./context";
import { toJobItemView, toJobViews } from "./job-views";

/** The job when it belongs to the caller's tenant; 404 otherwise, so ids of other tenants leak nothing. */
export async function tenantJobOrThrow(
  { database, tenantId }: JobsContext,
  jobId: string,
): Promise<JobSummary> {
  const job = await getJob(database, jobId);
  if (!job || job.tenantId !== tenantId) {
    throw new ApiError("not_found", `There is no job ${jobId} in this tenant.`);
  }
  return job;
}

export async function viewOf(context: JobsContext, job: JobSummary): Promise<JobView> {
  const [view] = await toJobViews(context.database, [job], context.now);
  return view!;
}

/** `GET /api/jobs`: the tenant's unfinished jobs and its recent finished ones, newest first. */
export async function listTenantJobs(caller: Caller): Promise<{ jobs: JobView[] }> {
  const context = await jobsContext(caller);
  const jobs = await listJobs(context.database, { tenantId: context.tenantId });
  return { jobs: await toJobViews(context.database, jobs, context.now) };
}

/** `GET /api/jobs/{id}` */
export async function getTenantJob(caller: Caller, jobId: string): Promise<{ job: JobView }> {
  const context = await jobsContext(caller);
  return { job: await viewOf(context, await tenantJobOrThrow(context, jobId)) };
}

/** `GET /api/jobs/{id}/items`: one page, in item order. */
export async function listTenantJobItems(caller: Caller, jobId: string, query: ListJobItemsQuery) {
  const context = await jobsContext(caller);
  await tenantJobOrThrow(context, jobId);
  const page = await listJobItems(context.database, jobId, {
    states: query.state && [query.state],
    outcomes: query.outcome && [query.outcome],
    search: query.q || undefined,
    afterId: query.cursor,
    limit: query.limit,
  });
  return { items: page.items.map(toJobItemView), nextCursor: page.nextAfterId };
}
