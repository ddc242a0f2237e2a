"use client";

import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { Button } from "@/components/ui/button";
import { useDownloadHistory, useHistory } from "@/lib/client/use-history";
import { HistoryFilters } from "./history-filters";
import { HistoryTable } from "./history-table";
import { useHistoryUrlState } from "./use-history-url-state";

/** The history page: filters, the records page by page, and exports of exactly what is filtered. */
export function HistoryView() {
  const { filters, setFilter, clearFilters } = useHistoryUrlState();
  const history = useHistory(filters);
  const download = useDownloadHistory(filters);
  const records = history.data?.pages.flatMap((page) => page.records) ?? [];
  return (
    <section aria-labelledby="history-heading" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 id="history-heading" className="text-2xl font-semibold tracking-tight">
            History
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Every change Licensedesk made, who asked for it, and what happened. Nobody can edit it;
            each record is chained to the one before.
          </p>
        </div>
        <div className="flex gap-2">
          <Button
            variant="outline"
            onClick={() => download.mutate("csv")}
            disabled={download.isPending}
          >
            Download CSV
          </Button>
          <Button
            variant="outline"
            onClick={() => download.mutate("jsonl")}
            disabled={download.isPending}
          >
            Download JSON Lines
          </Button>
        </div>
      </div>
      <HistoryFilters filters={filters} onChange={setFilter} onClear={clearFilters} />
      {filters.actor && (
        <p role="status" className="text-sm">
          Showing what one person did.{" "}
          <button type="button" className="underline" onClick={() => setFilter("actor", null)}>
            Everyone
          </button>
        </p>
      )}
      {download.isError && <ActionErrorMessage error={download.error} what="The export failed" />}
      {history.isError && (
        <ActionErrorMessage error={history.error} what="The history could not be read" />
      )}
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {history.isPending
          ? "Reading the history…"
          : `${records.length.toLocaleString()} record${records.length === 1 ? "" : "s"} shown${history.hasNextPage ? ", more older ones" : ""}.`}
      </p>
      {records.length > 0 && (
        <HistoryTable records={records} onActor={(oid) => setFilter("actor", oid)} />
      )}
      {history.hasNextPage && (
        <Button
          variant="outline"
          onClick={() => void history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
        >
          {history.isFetchingNextPage ? "Reading…" : "Show older records"}
        </Button>
      )}
    </section>
  );
}
