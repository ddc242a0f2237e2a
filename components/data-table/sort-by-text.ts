import type { Row } from "@tanstack/react-table";

/** Digit runs are padded to this width, so numbers inside text compare by value. */
const NUMBER_WIDTH = 12;
/** Keys kept; past this the cache starts again, so a long session's lists do not pile up. */
const MAX_CACHED = 100_000;
const ASCII = /^[\x00-\x7f]*$/;
const DIGIT = /\d/;

/**
 * A key whose plain `<` order is the order a person expects: no case, no accents, "User 2" before
 * "User 10". Built once per value, it makes a 10,000-row sort a string comparison per step instead
 * of TanStack's `alphanumeric`, which splits both strings on every comparison.
 */
export function naturalSortKey(text: string): string {
  let key = text.toLowerCase();
  // Most names are plain ASCII: the tests are cheaper than normalizing and replacing every one.
  if (!ASCII.test(key)) key = key.normalize("NFD").replace(/\p{Mark}/gu, "");
  if (DIGIT.test(key)) key = key.replace(/\d+/g, (digits) => digits.padStart(NUMBER_WIDTH, "0"));
  return key;
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
  const a = cachedKey(rowA.getValue<string | undefined>(columnId) ?? "");
  const b = cachedKey(rowB.getValue<string | undefined>(columnId) ?? "");
  return a < b ? -1 : a > b ? 1 : 0;
}
