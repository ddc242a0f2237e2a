// POST /api/settings/watch/run – "Check now": the watch reads the tenant's errors at its next tick.
import { withAuth } from "@/lib/server/http/with-auth";
import { requestWatchRun } from "@/lib/server/watch/watch-use-cases";

export const POST = withAuth({ access: "write" }, async ({ caller }) =>
  Response.json(await requestWatchRun(caller)),
);
