import type { Row } from "@tanstack/react-table";

/** Digit runs are padded to this width, so numbers inside text compare by value. */
const NUMBER_WIDTH = 12;
/** Keys kept; past this the cache starts again, so a long session's lists do not pile up. */
const MAX_CACHED = 100_000;

/**
 * A key whose plain `<` order is the order a person expects: no case, no accents, "User 2" before
 * "User 10". Built once per value, it makes a 10,000-row sort a string comparison per step instead
 * of TanStack's `alphanumeric`, which splits both strings on every comparison.
 */
export function naturalSortKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mark}/gu, "")
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.padStart(NUMBER_WIDTH, "0"));
}

const keys = new Map<string, string>();

function cachedKey(text: string): string {
  let key = keys.get(text);
  if (key === undefined) {
    if (keys.size >= MAX_CACHED) keys.clear();
    key = naturalSortKey(text);
    keys.set(text, key);
  }
  return key;
}

/** A TanStack sorting function for text columns, comparing natural sort keys. */
export function sortByText<TData>(rowA: Row<TData>, rowB: Row<TData>, columnId: string): number {
  const a = cachedKey(String(rowA.getValue(columnId) ?? ""));
  const b = cachedKey(String(rowB.getValue(columnId) ?? ""));
  return a < b ? -1 : a > b ? 1 : 0;
}
