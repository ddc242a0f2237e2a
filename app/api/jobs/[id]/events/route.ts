// GET /api/jobs/{id}/events – the job's progress and changed items as server-sent events, until it ends.
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { streamJobEvents } from "@/lib/server/jobs/use-cases/job-events";

export const dynamic = "force-dynamic";

export const GET = withAuth(
  { access: "read", params: jobIdParamsSchema },
  ({ request, caller, params }) => streamJobEvents(caller, params.id, request.signal),
);
