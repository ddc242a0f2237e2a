// POST /api/users/{id}/usage-location – set the user's usage location, then reprocess and verify.
import { setUsageLocationBodySchema, setUsageLocationParamsSchema } from "@/lib/api/reprocess";
import { parseInput, parseJsonBody } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { setUsageLocationAndReprocess } from "@/lib/server/licensing/reprocess";

export const POST = withAuth<{ id: string }>("write", async ({ request, caller, params }) => {
  const { id } = parseInput(setUsageLocationParamsSchema, params);
  const { usageLocation } = await parseJsonBody(request, setUsageLocationBodySchema);
  return Response.json(await setUsageLocationAndReprocess(caller, id, usageLocation));
});
