// POST /api/jobs/{id}/pause – stop sending the job's writes until it is resumed (audited).
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { parseInput } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { controlTenantJob } from "@/lib/server/jobs/use-cases/control-job";

export const POST = withAuth<{ id: string }>("write", async ({ caller, params }) => {
  const { id } = parseInput(jobIdParamsSchema, params);
  return Response.json(await controlTenantJob(caller, id, "pause"));
});
