import { odataError, unsupportedQuery } from "../errors";
import { option, selectList } from "./query";
import type { ResourceShape } from "./resource";

/** One expanded navigation property and the properties selected inside it (undefined: the defaults). */
export interface Expansion {
  property: string;
  select?: string[];
}

/**
 * `$expand=assignedTo` or `$expand=assignedTo($select=id,displayName)`: one navigation property of
 * `navigations`, with a nested $select of the target's properties; other nested options are refused.
 */
export function parseExpand<T>(
  query: URLSearchParams,
  owner: Pick<ResourceShape<unknown>, "odataType">,
  navigations: Record<string, ResourceShape<T>>,
): Expansion | undefined {
  const raw = option(query, "$expand");
  if (raw === undefined) return undefined;
  const m = /^\s*([\w.]+)\s*(?:\((.*)\))?\s*$/s.exec(raw);
  if (!m) throw odataError(`Syntax error at position 0 in '${raw}'.`);
  const name = m[1]!;
  const property = Object.keys(navigations).find((p) => p.toLowerCase() === name.toLowerCase());
  if (!property)
    throw odataError(`Could not find a property named '${name}' on type '${owner.odataType}'.`);
  const nested = m[2]?.trim();
  if (!nested) return { property };
  const select = /^\$select=(.*)$/is.exec(nested);
  if (!select) throw unsupportedQuery("Only $select is supported inside $expand.");
  return { property, select: selectList(select[1]!, navigations[property]!) };
}
