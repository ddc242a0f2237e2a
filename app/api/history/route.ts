// GET /api/history – the history of every write, filtered, newest first, a page at a time.
import { listHistoryQuerySchema } from "@/lib/api/history";
import { withAuth } from "@/lib/server/http/with-auth";
import { listHistory } from "@/lib/server/history/list-history";

export const GET = withAuth({ access: "read", query: listHistoryQuerySchema }, async ({ query }) =>
  Response.json(await listHistory(query)),
);
