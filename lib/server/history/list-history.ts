import "server-only";
import {
  HISTORY_CSV_COLUMNS,
  type HistoryFilters,
  type HistoryRecordDetail,
  type HistoryRecordView,
  type ListHistoryQuery,
  type ListHistoryResponse,
} from "@/lib/api/history";
import { getAppDatabase } from "../db/app-database";
import type { Database } from "../db/database";
import { getGraphSettings } from "../graph/settings";
import { csvRow } from "../csv/csv-field";
import { ApiError } from "../http/api-error";
import { readHistoryPage, toHistoryView } from "./history-query";

// Exports read a page at a time, so the first rows leave after one read of the database; the first page is
// small, since a rare filter can scan tens of thousands of index entries to fill a page of 1,000 (40-70 ms
// at a million records), and the download should start at once.
const EXPORT_FIRST_PAGE = 100;
const EXPORT_PAGE = 1_000;
const BOM = "\uFEFF";

/** The history readers see: the one tenant Licensedesk manages (withAuth has checked the caller may read). */
async function managedHistory() {
  const [database, settings] = await Promise.all([getAppDatabase(), getGraphSettings()]);
  return { database, tenantId: settings.tenantId };
}

/** `GET /api/history`: a page of records, newest first, and the cursor of the next. */
export async function listHistory(query: ListHistoryQuery): Promise<ListHistoryResponse> {
  const { database, tenantId } = await managedHistory();
  const { cursor, limit, ...filters } = query;
  const rows = await readHistoryPage(database, tenantId, filters, {
    beforeSeq: cursor === undefined ? undefined : Number(cursor),
    limit: limit + 1,
  });
  const records = rows.slice(0, limit).map(toHistoryView);
  return {
    records,
    nextCursor: rows.length > limit ? String(records.at(-1)!.seq) : null,
  };
}

/** `GET /api/history/records/{seq}`: one record with its signed detail. */
export async function getHistoryRecordOrThrow(seq: number): Promise<HistoryRecordDetail> {
  const { database, tenantId } = await managedHistory();
  const [row] = await readHistoryPage(
    database,
    tenantId,
    {},
    { beforeSeq: seq + 1, limit: 1, withBody: true },
  );
  if (!row || row.seq !== seq)
    throw new ApiError("not_found", `There is no history record ${seq}.`);
  return { ...toHistoryView(row), detail: (JSON.parse(row.body!) as { detail: unknown }).detail };
}

/** Where an export reads: the app's database and the tenant it manages (the bench passes its own). */
export type HistorySource = () => Promise<{ database: Database; tenantId: string }>;

/** Pages of a filtered view, oldest page last, as text chunks. */
function exportStream(
  source: HistorySource,
  filters: HistoryFilters,
  header: string,
  format: (rows: { view: HistoryRecordView; body: string }[]) => string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let beforeSeq: number | undefined;
  let started = false;
  let from: Awaited<ReturnType<HistorySource>> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        from = await source();
        if (header) {
          controller.enqueue(encoder.encode(header));
          return;
        }
      }
      const limit = beforeSeq === undefined ? EXPORT_FIRST_PAGE : EXPORT_PAGE;
      const rows = await readHistoryPage(from!.database, from!.tenantId, filters, {
        beforeSeq,
        limit,
        withBody: true,
      });
      if (rows.length > 0) {
        controller.enqueue(
          encoder.encode(
            format(rows.map((row) => ({ view: toHistoryView(row), body: row.body! }))),
          ),
        );
        beforeSeq = rows.at(-1)!.seq;
      }
      if (rows.length < limit) controller.close();
    },
  });
}

type Column = (typeof HISTORY_CSV_COLUMNS)[number];

const CELLS: Record<Column, (r: HistoryRecordView) => string | number | null> = {
  seq: (r) => r.seq,
  at: (r) => r.at,
  action: (r) => r.action,
  actor_kind: (r) => r.actor.kind,
  actor_name: (r) => r.actor.name,
  actor_oid: (r) => r.actor.oid,
  rule_id: (r) => r.actor.ruleId,
  user_principal_name: (r) => r.target?.upn ?? null,
  display_name: (r) => r.target?.displayName ?? null,
  user_id: (r) => r.target?.userId ?? null,
  graph_mode: (r) => r.graphMode,
  outcome: (r) => r.outcome,
  products: (r) => r.terms.skuIds.join(" "),
  codes: (r) => r.terms.codes.join(" "),
  job_id: (r) => r.jobId,
  summary: (r) => r.summary,
  hash: (r) => r.hash,
};

const download = (name: string, type: string, body: ReadableStream<Uint8Array>) =>
  new Response(body, {
    headers: {
      "content-type": type,
      "content-disposition": `attachment; filename="${name}"`,
      "x-content-type-options": "nosniff",
    },
  });

const fileName = (extension: string) =>
  `licensedesk-history-${new Date().toISOString().slice(0, 10)}.${extension}`;

/** The filtered view as CSV (with BOM) or JSON Lines (each record with its detail), newest first. */
export function exportHistory(
  source: HistorySource,
  filters: HistoryFilters,
  format: "csv" | "jsonl",
): ReadableStream<Uint8Array> {
  return format === "csv"
    ? exportStream(source, filters, BOM + csvRow([...HISTORY_CSV_COLUMNS]), (rows) =>
        rows
          .map(({ view }) => csvRow(HISTORY_CSV_COLUMNS.map((column) => CELLS[column](view))))
          .join(""),
      )
    : exportStream(source, filters, "", (rows) =>
        rows
          .map(
            ({ view, body }) =>
              `${JSON.stringify({ ...view, detail: (JSON.parse(body) as { detail: unknown }).detail })}\n`,
          )
          .join(""),
      );
}

/** `GET /api/history/export.csv`: the filtered view, newest first, UTF-8 with BOM, streamed. */
export function historyCsv(filters: HistoryFilters): Response {
  const stream = exportHistory(() => managedHistory(), filters, "csv");
  return download(fileName("csv"), "text/csv; charset=utf-8", stream);
}

/** `GET /api/history/export.jsonl`: the filtered view with each record's detail, one JSON object a line. */
export function historyJsonLines(filters: HistoryFilters): Response {
  const stream = exportHistory(() => managedHistory(), filters, "jsonl");
  return download(fileName("jsonl"), "application/x-ndjson", stream);
}
