// GET /api/seats/{skuId}/reclaimable – disabled holders of a product, and enabled ones with no recent sign-in.
import { getReclaimableSeatsParamsSchema, getReclaimableSeatsQuerySchema } from "@/lib/api/seats";
import { withAuth } from "@/lib/server/http/with-auth";
import { listReclaimableSeats } from "@/lib/server/licensing/reclaim/reclaimable-seats";

export const GET = withAuth(
  {
    access: "read",
    params: getReclaimableSeatsParamsSchema,
    query: getReclaimableSeatsQuerySchema,
  },
  async ({ caller, params, query }) =>
    Response.json(await listReclaimableSeats(caller, params.skuId, query)),
);
