// GET /api/jobs – the tenant's unfinished and recent jobs; POST /api/jobs – store a bulk reprocess job.
import { createJobBodySchema, MAX_JOB_BODY_BYTES } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { createBulkJob } from "@/lib/server/jobs/use-cases/create-bulk-job";
import { listTenantJobs } from "@/lib/server/jobs/use-cases/read-jobs";

export const GET = withAuth({ access: "read" }, async ({ caller }) =>
  Response.json(await listTenantJobs(caller)),
);

export const POST = withAuth(
  { access: "write", body: createJobBodySchema, maxBodyBytes: MAX_JOB_BODY_BYTES },
  async ({ caller, body }) =>
    Response.json(await createBulkJob(caller, body.selection), { status: 201 }),
);
