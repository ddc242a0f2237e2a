"use client";

import type { ColumnFiltersState, SortingState, Updater } from "@tanstack/react-table";
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/** Which URL parameter holds which column's filter; the search box filters the user column. */
const FILTER_PARAMS = {
  user: "q",
  error: "code",
  product: "product",
  group: "group",
  fix: "fix",
} as const;
type FilteredColumn = keyof typeof FILTER_PARAMS;
const MULTI_VALUE: FilteredColumn[] = ["error", "product", "group", "fix"];
/** Asks the grid to select every row its filters match, once, then drops itself from the URL. */
const SELECT_PARAM = "select";

export type WorkspaceTab = "errors" | "seats";

const resolve = <T>(updater: Updater<T>, old: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(old) : updater;

/** Next's router follows the native history API, so the URL changes without a navigation. */
function writeParams(change: (params: URLSearchParams) => void, mode: "push" | "replace") {
  const params = new URLSearchParams(window.location.search);
  change(params);
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function filtersFrom(params: URLSearchParams): ColumnFiltersState {
  const filters: ColumnFiltersState = [];
  const search = params.get(FILTER_PARAMS.user);
  if (search) filters.push({ id: "user", value: search });
  for (const id of MULTI_VALUE) {
    const values = params.getAll(FILTER_PARAMS[id]).filter(Boolean);
    if (values.length > 0) filters.push({ id, value: values });
  }
  return filters;
}

function sortingFrom(params: URLSearchParams): SortingState {
  const sort = params.get("sort");
  if (!sort) return [];
  const desc = sort.startsWith("-");
  return [{ id: desc ? sort.slice(1) : sort, desc }];
}

/**
 * The grid's list state kept in the URL (search, filters, sort, the open user, the tab), so a
 * filtered view can be shared by copying the address. Only a tab change adds a history entry.
 */
export function useListUrlState() {
  const params = useSearchParams();
  const columnFilters = useMemo(() => filtersFrom(params), [params]);
  const sorting = useMemo(() => sortingFrom(params), [params]);

  const setColumnFilters = useCallback((updater: Updater<ColumnFiltersState>) => {
    const next = resolve(updater, filtersFrom(new URLSearchParams(window.location.search)));
    writeParams((url) => {
      for (const param of Object.values(FILTER_PARAMS)) url.delete(param);
      for (const { id, value } of next) {
        const param = FILTER_PARAMS[id as FilteredColumn];
        if (!param) continue;
        for (const item of Array.isArray(value) ? value : [value]) url.append(param, String(item));
      }
    }, "replace");
  }, []);

  const setSorting = useCallback((updater: Updater<SortingState>) => {
    const [first] = resolve(updater, sortingFrom(new URLSearchParams(window.location.search)));
    writeParams((url) => {
      if (first) url.set("sort", `${first.desc ? "-" : ""}${first.id}`);
      else url.delete("sort");
    }, "replace");
  }, []);

  const openUser = useCallback((userId: string | null) => {
    writeParams((url) => (userId ? url.set("user", userId) : url.delete("user")), "replace");
  }, []);

  const doneSelecting = useCallback(() => {
    writeParams((url) => url.delete(SELECT_PARAM), "replace");
  }, []);

  const setTab = useCallback((tab: WorkspaceTab) => {
    writeParams((url) => (tab === "seats" ? url.set("tab", tab) : url.delete("tab")), "push");
  }, []);

  return {
    columnFilters,
    sorting,
    setColumnFilters,
    setSorting,
    selectedUserId: params.get("user"),
    openUser,
    tab: (params.get("tab") === "seats" ? "seats" : "errors") as WorkspaceTab,
    setTab,
    selectMatching: params.get(SELECT_PARAM) === "matching",
    doneSelecting,
  };
}

/** Opens the grid on exactly the users one fix would clear, all selected for a bulk reprocess. */
export function showUsersOfFix(key: string): void {
  writeParams((url) => {
    for (const param of [...Object.values(FILTER_PARAMS), "tab", "user"]) url.delete(param);
    url.set(FILTER_PARAMS.fix, key);
    url.set(SELECT_PARAM, "matching");
  }, "push");
}
