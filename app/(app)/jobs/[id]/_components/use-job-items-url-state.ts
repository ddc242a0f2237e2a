"use client";

import type { ColumnFiltersState, Updater } from "@tanstack/react-table";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

const PARAMS = { user: "q", outcome: "outcome" } as const;

function filtersFrom(params: URLSearchParams): ColumnFiltersState {
  return Object.entries(PARAMS).flatMap(([id, param]) => {
    const value = params.get(param);
    return value ? [{ id, value }] : [];
  });
}

/** The job page's search and outcome filter, kept in the URL so a filtered view can be shared. */
export function useJobItemsUrlState() {
  const params = useSearchParams();
  const columnFilters = useMemo(() => filtersFrom(params), [params]);
  const setColumnFilters = useCallback((updater: Updater<ColumnFiltersState>) => {
    const current = new URLSearchParams(window.location.search);
    const next = typeof updater === "function" ? updater(filtersFrom(current)) : updater;
    for (const param of Object.values(PARAMS)) current.delete(param);
    for (const { id, value } of next) {
      const param = PARAMS[id as keyof typeof PARAMS];
      if (param && value) current.set(param, String(value));
    }
    const query = current.toString();
    // Next's router follows the native history API, so the URL changes without a navigation.
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  }, []);
  return { columnFilters, setColumnFilters };
}
