// POST /api/users/{id}/reprocess – reprocess one user's group licenses and answer the verified before/after diff.
import { reprocessUserParamsSchema } from "@/lib/api/reprocess";
import { parseInput } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { reprocessUser } from "@/lib/server/licensing/reprocess";

export const POST = withAuth<{ id: string }>("write", async ({ caller, params }) => {
  const { id } = parseInput(reprocessUserParamsSchema, params);
  return Response.json(await reprocessUser(caller, id));
});
