import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { HistoryRecordDetail, ListHistoryResponse } from "@/lib/api/history";
import { apiFetch, type ApiFetchContext } from "../api-fetch";
import { historyKeys } from "../query-keys";

/** The history's filters as the URL and the API name them; empty ones are left out. */
export type HistoryFilterValues = Record<string, string>;

export const historyQueryString = (
  filters: HistoryFilterValues,
  more: Record<string, string> = {},
) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...more }))
    if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
};

/** `GET /api/history`, page after page on the keyset cursor. */
export const historyQueryOptions = (
  api: ApiFetchContext,
  homeAccountId: string,
  filters: HistoryFilterValues,
  limit = 50,
) =>
  infiniteQueryOptions({
    queryKey: [...historyKeys.list(homeAccountId, filters), limit],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiFetch<ListHistoryResponse>(
        api,
        `/api/history${historyQueryString(filters, { limit: String(limit), ...(pageParam ? { cursor: pageParam } : {}) })}`,
        { signal },
      ),
    getNextPageParam: (page) => page.nextCursor,
  });

/** `GET /api/history/records/{seq}`: one record with its detail. */
export const historyRecordQueryOptions = (
  api: ApiFetchContext,
  homeAccountId: string,
  seq: number,
) =>
  queryOptions({
    queryKey: historyKeys.record(homeAccountId, seq),
    queryFn: ({ signal }) =>
      apiFetch<HistoryRecordDetail>(api, `/api/history/records/${seq}`, { signal }),
    // A record never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });
