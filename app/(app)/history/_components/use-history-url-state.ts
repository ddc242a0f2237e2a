"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { HistoryFilterValues } from "@/lib/client/queries/history";

/** The filters the history page keeps in its URL, named as the API names them. */
export const HISTORY_FILTERS = [
  "user",
  "actor",
  "product",
  "code",
  "action",
  "outcome",
  "from",
  "to",
] as const;

export type HistoryFilterName = (typeof HISTORY_FILTERS)[number];

/** The page's filters from the URL, and a setter that replaces the URL (no history entry per keystroke). */
export function useHistoryUrlState() {
  const params = useSearchParams();
  const filters = useMemo(() => {
    const values: HistoryFilterValues = {};
    for (const name of HISTORY_FILTERS) {
      const value = params.get(name);
      if (value) values[name] = value;
    }
    return values;
  }, [params]);
  const setFilter = useCallback((name: HistoryFilterName, value: string | null) => {
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    const query = next.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  }, []);
  const clearFilters = useCallback(() => {
    window.history.replaceState(null, "", window.location.pathname);
  }, []);
  return { filters, setFilter, clearFilters };
}
