// DELETE /api/settings/webhooks/{id} – remove a webhook and what it was still owed.
import { webhookParamsSchema } from "@/lib/api/watch";
import { withAuth } from "@/lib/server/http/with-auth";
import { removeWebhook } from "@/lib/server/watch/watch-use-cases";

export const DELETE = withAuth(
  { access: "write", params: webhookParamsSchema },
  async ({ caller, params }) => {
    await removeWebhook(caller, params.id);
    return Response.json({ removed: params.id });
  },
);
