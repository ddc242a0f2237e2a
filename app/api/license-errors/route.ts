// GET /api/license-errors – every user whose license assignment failed, streamed as NDJSON; ?refresh=1 rescans.
import { listLicenseErrorsQuerySchema } from "@/lib/api/license-errors";
import { withAuth } from "@/lib/server/http/with-auth";
import { streamLicenseErrors } from "@/lib/server/licensing/license-errors";

export const GET = withAuth(
  { access: "read", query: listLicenseErrorsQuerySchema },
  ({ caller, query }) => streamLicenseErrors(caller, query),
);
