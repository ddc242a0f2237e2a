// GET /api/license-errors – every user whose license assignment failed, streamed as NDJSON; ?refresh=1 rescans.
import { listLicenseErrorsQuerySchema } from "@/lib/api/license-errors";
import { parseInput } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { streamLicenseErrors } from "@/lib/server/licensing/license-errors";

export const GET = withAuth("read", async ({ request, caller }) => {
  const query = parseInput(
    listLicenseErrorsQuerySchema,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return streamLicenseErrors(caller, query);
});
