// GET /api/jobs/{id}/results.csv – every user's outcome as a CSV download (UTF-8 with BOM, stable columns).
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { withAuth } from "@/lib/server/http/with-auth";
import { jobResultsCsv } from "@/lib/server/jobs/use-cases/results-csv";

export const GET = withAuth({ access: "read", params: jobIdParamsSchema }, ({ caller, params }) =>
  jobResultsCsv(caller, params.id),
);
