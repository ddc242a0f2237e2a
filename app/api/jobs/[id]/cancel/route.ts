// POST /api/jobs/{id}/cancel – finish the job's pending users as cancelled; writes already sent are still verified (audited).
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { controlTenantJob } from "@/lib/server/jobs/use-cases/control-job";

export const POST = withAuth(
  { access: "write", params: jobIdParamsSchema },
  async ({ caller, params }) => Response.json(await controlTenantJob(caller, params.id, "cancel")),
);
