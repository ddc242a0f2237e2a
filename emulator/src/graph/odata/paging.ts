import { GraphError } from "../errors";
import { option } from "./query";

export const expiredPageToken = () =>
  new GraphError(
    400,
    "Directory_ExpiredPageToken",
    "The specified page token value has expired and can no longer be included in your request.",
  );

/** An opaque skip token: where the previous page ended (last id, and offset as a fallback). */
export function encodeSkipToken(lastId: string, offset: number): string {
  return Buffer.from(`v1:${offset}:${lastId}`).toString("base64url");
}

/** Where the next page starts in `items`, or 0 without a token. */
export function resumeIndex<T>(
  token: string | undefined,
  items: readonly T[],
  idOf: (item: T) => string,
): number {
  if (token === undefined) return 0;
  const m = /^v1:(\d+):(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m) throw expiredPageToken();
  const [offset, lastId] = [Number(m[1]), m[2]!];
  // Usually nothing moved: the last item is still just before the offset, no search needed.
  if (offset > 0 && offset <= items.length && idOf(items[offset - 1]!) === lastId) return offset;
  const byId = items.findIndex((item) => idOf(item) === lastId);
  return byId >= 0 ? byId + 1 : Math.min(offset, items.length);
}

/** A keyset token: the id the previous page ended on, so pages stay right while items come and go. */
export const encodeKeysetToken = (lastId: string): string =>
  Buffer.from(`k1:${lastId}`).toString("base64url");

/** Where the next page starts among items sorted by id: the first whose id is after the token's. */
export function keysetStart<T>(
  token: string | undefined,
  sorted: readonly T[],
  idOf: (item: T) => string,
): number {
  if (token === undefined) return 0;
  const m = /^k1:(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m) throw expiredPageToken();
  const after = m[1]!;
  let [low, high] = [0, sorted.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (idOf(sorted[mid]!) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Graph keeps the caller's query in the nextLink and swaps in a new $skiptoken; $count stays on page one. */
export function nextLink(
  origin: string,
  path: string,
  query: URLSearchParams,
  token: string,
): string {
  const kept = [...query].filter(([key]) => !["$skiptoken", "$count"].includes(key.toLowerCase()));
  const parts = [...kept, ["$skiptoken", token] as const].map(
    ([key, value]) => `${encodeURIComponent(key).replace("%24", "$")}=${encodeURIComponent(value)}`,
  );
  return `${origin}${encodeURI(path)}?${parts.join("&")}`;
}

export const skipToken = (query: URLSearchParams) => option(query, "$skiptoken");
