// POST /api/jobs/{id}/pause – stop sending the job's writes until it is resumed (audited).
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { controlTenantJob } from "@/lib/server/jobs/use-cases/control-job";

export const POST = withAuth(
  { access: "write", params: jobIdParamsSchema },
  async ({ caller, params }) => Response.json(await controlTenantJob(caller, params.id, "pause")),
);
