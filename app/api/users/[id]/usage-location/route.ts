// POST /api/users/{id}/usage-location – set the user's usage location, then reprocess and verify.
import { setUsageLocationBodySchema, setUsageLocationParamsSchema } from "@/lib/api/reprocess";
import { withAuth } from "@/lib/server/http/with-auth";
import { setUsageLocationAndReprocess } from "@/lib/server/licensing/reprocess";

export const POST = withAuth(
  { access: "write", params: setUsageLocationParamsSchema, body: setUsageLocationBodySchema },
  async ({ caller, params, body }) =>
    Response.json(await setUsageLocationAndReprocess(caller, params.id, body.usageLocation)),
);
