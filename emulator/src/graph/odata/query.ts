import type { EmulatorRequest } from "../../http/types";
import { badRequest, odataError, unsupportedQuery } from "../errors";
import { canonicalProperty, type ResourceShape } from "./resource";

/** Reads a system query option whatever its casing (`$Select` works like `$select`). */
export function option(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name) return value;
  return undefined;
}

export const eventualConsistency = (req: EmulatorRequest) =>
  (req.headers["consistencylevel"] ?? "").toLowerCase() === "eventual";

/** Canonical property names from $select, in the caller's order; undefined without $select. */
export function parseSelect<T>(
  query: URLSearchParams,
  shape: ResourceShape<T>,
): string[] | undefined {
  const raw = option(query, "$select");
  return raw === undefined ? undefined : selectList(raw, shape);
}

/** A $select value's properties in canonical casing; unknown names are Graph's 400. */
export function selectList<T>(raw: string, shape: ResourceShape<T>): string[] {
  const names = raw
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length === 0)
    throw odataError("Syntax error: character '' is not valid at position 0 in ''.");
  return names.map((name) => {
    const canonical = canonicalProperty(shape, name);
    if (!canonical)
      throw odataError(`Could not find a property named '${name}' on type '${shape.odataType}'.`);
    return canonical;
  });
}

/** $top: 1–999, 100 when absent, as for users and groups. */
export function parseTop(query: URLSearchParams): number {
  const raw = option(query, "$top");
  if (raw === undefined) return 100;
  const top = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || top < 1 || top > 999) {
    throw badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`);
  }
  return top;
}

/** `$count=true` needs `ConsistencyLevel: eventual`, as in Graph's advanced queries. */
export function parseCount(req: EmulatorRequest): boolean {
  const raw = option(req.query, "$count");
  if (raw === undefined || raw.toLowerCase() === "false") return false;
  if (raw.toLowerCase() !== "true") throw odataError(`'${raw}' is not a valid count option.`);
  if (!eventualConsistency(req)) throw badRequest("$count is not currently supported.");
  return true;
}

export interface OrderBy<T> {
  key(item: T): string;
  descending: boolean;
}

export function parseOrderBy<T>(
  query: URLSearchParams,
  shape: ResourceShape<T>,
): OrderBy<T> | undefined {
  const raw = option(query, "$orderby");
  if (raw === undefined) return undefined;
  const m = /^\s*([\w.]+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  const key = m ? shape.orderBy?.[m[1]!.toLowerCase()] : undefined;
  if (!m || !key) throw unsupportedQuery("Sorting not supported for current query.");
  return { key, descending: m[2]?.toLowerCase() === "desc" };
}

/** Options Graph's directory refuses on these collections. */
export function rejectUnsupportedOptions(query: URLSearchParams): void {
  if (option(query, "$skip") !== undefined)
    throw badRequest("'$skip' is not supported by the service.");
  if (option(query, "$expand") !== undefined) throw unsupportedQuery("Unsupported Query.");
  if (option(query, "$search") !== undefined) throw unsupportedQuery("Unsupported Query.");
}
