// GET /api/history/records/{seq} – one history record with its detail (snapshots, diff, Graph's request-ids).
import { historyRecordParamsSchema } from "@/lib/api/history";
import { withAuth } from "@/lib/server/http/with-auth";
import { getHistoryRecordOrThrow } from "@/lib/server/history/list-history";

export const GET = withAuth(
  { access: "read", params: historyRecordParamsSchema },
  async ({ params }) => Response.json(await getHistoryRecordOrThrow(Number(params.seq))),
);
