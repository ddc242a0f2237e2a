// GET /api/history/export.jsonl – a filtered view of the history with each record's detail, as JSON Lines.
import { exportHistoryQuerySchema } from "@/lib/api/history";
import { withAuth } from "@/lib/server/http/with-auth";
import { historyJsonLines } from "@/lib/server/history/list-history";

export const GET = withAuth({ access: "read", query: exportHistoryQuerySchema }, ({ query }) =>
  historyJsonLines(query),
);
