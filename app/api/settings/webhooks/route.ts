// POST /api/settings/webhooks – add a webhook (JSON or Microsoft Teams); its URL is sealed and never shown again.
import { createWebhookBodySchema } from "@/lib/api/watch";
import { withAuth } from "@/lib/server/http/with-auth";
import { addWebhook } from "@/lib/server/watch/watch-use-cases";

export const POST = withAuth(
  { access: "write", body: createWebhookBodySchema },
  async ({ caller, body }) => Response.json(await addWebhook(caller, body), { status: 201 }),
);
