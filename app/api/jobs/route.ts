// GET /api/jobs – the tenant's unfinished and recent jobs; POST /api/jobs – store a bulk reprocess job.
import { createJobBodySchema } from "@/lib/api/jobs";
import { parseJsonBody } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { createBulkJob } from "@/lib/server/jobs/use-cases/create-bulk-job";
import { listTenantJobs } from "@/lib/server/jobs/use-cases/read-jobs";

export const GET = withAuth("read", async ({ caller }) =>
  Response.json(await listTenantJobs(caller)),
);

export const POST = withAuth("write", async ({ request, caller }) => {
  const { selection } = await parseJsonBody(request, createJobBodySchema);
  return Response.json(await createBulkJob(caller, selection), { status: 201 });
});
