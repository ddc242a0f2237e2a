// GET /api/seats/{skuId}/reclaimable.csv – the reclaimable list as a CSV download (UTF-8 with BOM).
import { getReclaimableSeatsParamsSchema, getReclaimableSeatsQuerySchema } from "@/lib/api/seats";
import { withAuth } from "@/lib/server/http/with-auth";
import { reclaimableSeatsCsv } from "@/lib/server/licensing/reclaim/reclaimable-csv";

export const GET = withAuth(
  {
    access: "read",
    params: getReclaimableSeatsParamsSchema,
    query: getReclaimableSeatsQuerySchema,
  },
  ({ caller, params, query }) => reclaimableSeatsCsv(caller, params.skuId, query),
);
