// GET /api/jobs/{id} – one job with its progress, pace and ETA.
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { parseInput } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { getTenantJob } from "@/lib/server/jobs/use-cases/read-jobs";

export const GET = withAuth<{ id: string }>("read", async ({ caller, params }) => {
  const { id } = parseInput(jobIdParamsSchema, params);
  return Response.json(await getTenantJob(caller, id));
});
