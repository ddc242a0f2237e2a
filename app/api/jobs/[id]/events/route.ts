// GET /api/jobs/{id}/events – the job's progress and changed items as server-sent events, until it ends.
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { parseInput } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { streamJobEvents } from "@/lib/server/jobs/use-cases/job-events";

export const dynamic = "force-dynamic";

export const GET = withAuth<{ id: string }>("read", async ({ request, caller, params }) => {
  const { id } = parseInput(jobIdParamsSchema, params);
  return streamJobEvents(caller, id, request.signal);
});
