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

/** Where the next page starts in `ids`, or 0 without a token. */
export function resumeIndex(token: string | undefined, ids: string[]): number {
  if (token === undefined) return 0;
  const m = /^v1:(\d+):(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m) throw expiredPageToken();
  const byId = ids.indexOf(m[2]!);
  return byId >= 0 ? byId + 1 : Math.min(Number(m[1]), ids.length);
}

/** A keyset token: the id the previous page ended on, so pages stay right while items come and go. */
export const encodeKeysetToken = (lastId: string): string =>
  Buffer.from(`k1:${lastId}`).toString("base64url");

/** Where the next page starts among `sortedIds` (ascending): the first id after the token's. */
export function keysetStart(token: string | undefined, sortedIds: string[]): number {
  if (token === undefined) return 0;
  const m = /^k1:(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m) throw expiredPageToken();
  const after = m[1]!;
  let [low, high] = [0, sortedIds.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sortedIds[mid]! <= after) low = mid + 1;
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
