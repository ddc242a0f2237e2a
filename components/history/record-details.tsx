"use client";

import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { LicenseDiffView } from "@/components/licenses/license-diff-view";
import type { LicenseDiff, LicenseSnapshot } from "@/lib/api/reprocess";
import { useHistoryRecord } from "@/lib/client/use-history";

interface RecordDetail {
  message?: string;
  before?: LicenseSnapshot | null;
  after?: LicenseSnapshot | null;
  diff?: LicenseDiff | null;
  usageLocation?: { from: string | null; to: string; set: boolean } | null;
  requests?: { method: string; path: string; status: number; requestId: string | null }[];
  failure?: {
    step: string;
    code: string;
    graphStatus: number | null;
    requestId: string | null;
  } | null;
  graphError?: { status: number; code: string; message: string };
}

/** What one record says in full: the diff it proved, Graph's answers and request-ids, and its hash. */
export function RecordDetails({ seq }: { seq: number }) {
  const record = useHistoryRecord(seq);
  if (record.isError)
    return <ActionErrorMessage error={record.error} what="The record could not be read" />;
  if (!record.data) {
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Reading the record…
      </p>
    );
  }
  const detail = (record.data.detail ?? {}) as RecordDetail;
  const requestIds = (detail.requests ?? []).filter((r) => r.requestId);
  return (
    <div className="space-y-3 text-sm" data-record={seq}>
      {detail.message && <p>{detail.message}</p>}
      {detail.usageLocation && (
        <p>
          Usage location: {detail.usageLocation.from ?? "none"} → {detail.usageLocation.to}
          {detail.usageLocation.set ? "" : " (not changed)"}
        </p>
      )}
      {detail.failure && (
        <p className="text-red-800 dark:text-red-300">
          Failed while {detail.failure.step.replaceAll("_", " ")}: {detail.failure.code}
          {detail.failure.graphStatus ? ` (Graph answered ${detail.failure.graphStatus})` : ""}
        </p>
      )}
      {detail.graphError && (
        <p className="text-red-800 dark:text-red-300">
          Graph answered {detail.graphError.status} {detail.graphError.code}:{" "}
          {detail.graphError.message}
        </p>
      )}
      {detail.before && detail.after && detail.diff && (
        <LicenseDiffView before={detail.before} after={detail.after} diff={detail.diff} />
      )}
      {requestIds.length > 0 && (
        <details>
          <summary className="cursor-pointer">Graph request-ids ({requestIds.length})</summary>
          <ul className="mt-1 space-y-0.5 font-mono text-xs">
            {requestIds.map((r, i) => (
              <li key={`${r.requestId}-${i}`}>
                {r.method} {r.path} → {r.status} · {r.requestId}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
        Record {record.data.seq} · hash {record.data.hash}
      </p>
    </div>
  );
}
