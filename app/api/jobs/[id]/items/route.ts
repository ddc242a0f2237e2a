// GET /api/jobs/{id}/items – a page of the job's per-user outcomes, filtered by outcome, state or name.
import { jobIdParamsSchema, listJobItemsQuerySchema } from "@/lib/api/jobs";
import { parseInput } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { listTenantJobItems } from "@/lib/server/jobs/use-cases/read-jobs";

export const GET = withAuth<{ id: string }>("read", async ({ request, caller, params }) => {
  const { id } = parseInput(jobIdParamsSchema, params);
  const query = parseInput(
    listJobItemsQuerySchema,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return Response.json(await listTenantJobItems(caller, id, query));
});
