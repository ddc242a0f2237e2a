// PUT /api/settings/rules/{skuId} – turn "reprocess the waiting users when seats are free" on or off for a product.
import { seatsRuleParamsSchema, setSeatsRuleBodySchema } from "@/lib/api/watch";
import { withAuth } from "@/lib/server/http/with-auth";
import { updateSeatsRule } from "@/lib/server/watch/watch-use-cases";

export const PUT = withAuth(
  { access: "write", params: seatsRuleParamsSchema, body: setSeatsRuleBodySchema },
  async ({ caller, params, body }) =>
    Response.json(await updateSeatsRule(caller, params.skuId, body)),
);
