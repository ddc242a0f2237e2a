"use client";

import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { apiDownload } from "./api-fetch";
import {
  type HistoryFilterValues,
  historyQueryOptions,
  historyQueryString,
  historyRecordQueryOptions,
} from "./queries/history";
import { saveFile } from "./save-file";
import { useSignedInApi } from "./use-signed-in-api";

/** Records matching the filters, newest first, with more pages on request. */
export function useHistory(filters: HistoryFilterValues, limit?: number) {
  const { api, accountId, ready } = useSignedInApi();
  return useInfiniteQuery({
    ...historyQueryOptions(api, accountId, filters, limit),
    enabled: ready,
  });
}

/** One record's detail, read when it is opened. */
export function useHistoryRecord(seq: number) {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({ ...historyRecordQueryOptions(api, accountId, seq), enabled: ready });
}

/** Downloads the filtered view as CSV or JSON Lines, with the bearer token. */
export function useDownloadHistory(filters: HistoryFilterValues) {
  const { api } = useSignedInApi();
  return useMutation({
    mutationFn: async (format: "csv" | "jsonl") => {
      const { blob, filename } = await apiDownload(
        api,
        `/api/history/export.${format}${historyQueryString(filters)}`,
        `licensedesk-history.${format}`,
      );
      saveFile(blob, filename);
    },
  });
}
