// GET /api/settings/watch – the watch, its last run and the webhooks; PUT – turn it on or off, or change its interval.
import { updateWatchSettingsBodySchema } from "@/lib/api/watch";
import { withAuth } from "@/lib/server/http/with-auth";
import { getWatchSettings, updateWatchSettings } from "@/lib/server/watch/watch-use-cases";

export const GET = withAuth({ access: "read" }, async ({ caller }) =>
  Response.json(await getWatchSettings(caller)),
);

export const PUT = withAuth(
  { access: "write", body: updateWatchSettingsBodySchema },
  async ({ caller, body }) => Response.json(await updateWatchSettings(caller, body)),
);
