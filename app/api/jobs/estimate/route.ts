// POST /api/jobs/estimate – how many users a selection holds and how long reprocessing them takes now.
import { createJobBodySchema, MAX_JOB_BODY_BYTES } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { estimateBulkJob } from "@/lib/server/jobs/use-cases/create-bulk-job";

export const POST = withAuth(
  { access: "write", body: createJobBodySchema, maxBodyBytes: MAX_JOB_BODY_BYTES },
  async ({ caller, body }) => Response.json(await estimateBulkJob(caller, body.selection)),
);
