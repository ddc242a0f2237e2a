// GET /api/jobs/{id} – one job with its progress, pace and ETA.
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { getTenantJob } from "@/lib/server/jobs/use-cases/read-jobs";

export const GET = withAuth(
  { access: "read", params: jobIdParamsSchema },
  async ({ caller, params }) => Response.json(await getTenantJob(caller, params.id)),
);
