// POST /api/settings/webhooks/{id}/test – send a test message now and say what the receiver answered.
import { webhookParamsSchema } from "@/lib/api/watch";
import { withAuth } from "@/lib/server/http/with-auth";
import { sendTestMessage } from "@/lib/server/watch/watch-use-cases";

export const POST = withAuth(
  { access: "write", params: webhookParamsSchema },
  async ({ caller, params }) => Response.json(await sendTestMessage(caller, params.id)),
);
