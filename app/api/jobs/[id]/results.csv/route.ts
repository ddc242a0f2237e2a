// GET /api/jobs/{id}/results.csv – every user's outcome as a CSV download (UTF-8 with BOM, stable columns).
import { jobIdParamsSchema } from "@/lib/api/jobs";
import { parseInput } from "@/lib/server/http/parse-input";
import { withAuth } from "@/lib/server/http/with-auth";
import { jobResultsCsv } from "@/lib/server/jobs/use-cases/results-csv";

export const GET = withAuth<{ id: string }>("read", async ({ caller, params }) => {
  const { id } = parseInput(jobIdParamsSchema, params);
  return jobResultsCsv(caller, id);
});
