import "server-only";
import { JOB_CSV_COLUMNS, type JobItemView } from "@/lib/api/jobs";
import type { Caller } from "@/lib/server/http/with-auth";
import { csvRow } from "@/lib/server/csv/csv-field";
import { listJobItems } from "@/lib/server/jobs/store/queries";
import { jobsContext } from "./context";
import { toJobItemView } from "./job-views";
import { tenantJobOrThrow } from "./read-jobs";

const ITEMS_PER_READ = 2_000;
const BOM = "\uFEFF";

type Column = (typeof JOB_CSV_COLUMNS)[number];

const CELLS: Record<Column, (item: JobItemView) => string | number | null> = {
  user_id: (item) => item.userId,
  user_principal_name: (item) => item.userPrincipalName,
  display_name: (item) => item.displayName,
  outcome: (item) => item.outcome,
  message: (item) => item.message,
  diff_summary: (item) => item.diffSummary,
  graph_error_status: (item) => item.graphError?.status ?? null,
  graph_error_code: (item) => item.graphError?.code ?? null,
  graph_error_message: (item) => item.graphError?.message ?? null,
  attempts: (item) => item.attempts,
  finished_at: (item) => item.finishedAt,
};

/** A file name that says which job and when, safe in a Content-Disposition header. */
const fileName = (jobId: string, createdAt: number) =>
  `licensedesk-job-${new Date(createdAt).toISOString().slice(0, 10)}-${jobId.slice(0, 8)}.csv`;

/** `GET /api/jobs/{id}/results.csv`: UTF-8 with BOM, one row per user in item order, streamed. */
export async function jobResultsCsv(caller: Caller, jobId: string): Promise<Response> {
  const context = await jobsContext(caller);
  const job = await tenantJobOrThrow(context, jobId);
  const encoder = new TextEncoder();
  let afterId: number | undefined;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(BOM + csvRow([...JOB_CSV_COLUMNS])));
        return;
      }
      const page = await listJobItems(context.database, jobId, {
        afterId,
        limit: ITEMS_PER_READ,
      });
      const rows = page.items
        .map(toJobItemView)
        .map((item) => csvRow(JOB_CSV_COLUMNS.map((column) => CELLS[column](item))));
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.join("")));
      afterId = page.nextAfterId ?? undefined;
      if (afterId === undefined) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName(jobId, job.createdAt)}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
