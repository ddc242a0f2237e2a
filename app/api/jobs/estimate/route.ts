// POST /api/jobs/estimate – how many users a selection holds and how long reprocessing them takes now.
import { createJobBodySchema } from "@/lib/api/jobs";
import { parseJsonBody } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { estimateBulkJob } from "@/lib/server/jobs/use-cases/create-bulk-job";

export const POST = withAuth("write", async ({ request, caller }) => {
  const { selection } = await parseJsonBody(request, createJobBodySchema);
  return Response.json(await estimateBulkJob(caller, selection));
});
