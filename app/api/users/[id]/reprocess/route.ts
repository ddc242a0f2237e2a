// POST /api/users/{id}/reprocess – reprocess one user's group licenses and answer the verified before/after diff.
import { reprocessUserParamsSchema } from "@/lib/api/reprocess";
import { withAuth } from "@/lib/server/http/with-auth";
import { reprocessUser } from "@/lib/server/licensing/reprocess";

export const POST = withAuth(
  { access: "write", params: reprocessUserParamsSchema },
  async ({ caller, params }) => Response.json(await reprocessUser(caller, params.id)),
);
