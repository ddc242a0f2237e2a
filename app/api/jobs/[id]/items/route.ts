// GET /api/jobs/{id}/items – a page of the job's per-user outcomes, filtered by outcome, state or name.
import { jobIdParamsSchema, listJobItemsQuerySchema } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { listTenantJobItems } from "@/lib/server/jobs/use-cases/read-jobs";

export const GET = withAuth(
  { access: "read", params: jobIdParamsSchema, query: listJobItemsQuerySchema },
  async ({ caller, params, query }) =>
    Response.json(await listTenantJobItems(caller, params.id, query)),
);
