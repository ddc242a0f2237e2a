// GET /api/history/export.csv – a filtered view of the history as a CSV download, streamed.
import { exportHistoryQuerySchema } from "@/lib/api/history";
import { withAuth } from "@/lib/server/http/with-auth";
import { historyCsv } from "@/lib/server/history/list-history";

export const GET = withAuth({ access: "read", query: exportHistoryQuerySchema }, ({ query }) =>
  historyCsv(query),
);
