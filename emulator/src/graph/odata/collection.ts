import { authorize } from "../auth";
import { badRequest } from "../errors";
import type { GraphCall } from "../routing";
import type { GraphResult } from "../respond";
import { compileFilter, propertiesOf } from "./evaluate";
import { parseFilter } from "./filter";
import { encodeSkipToken, nextLink, resumeIndex, skipToken } from "./paging";
import {
  eventualConsistency,
  option,
  parseCount,
  parseOrderBy,
  parseSelect,
  parseTop,
  rejectUnsupportedOptions,
} from "./query";
import type { ResourceShape } from "./resource";

/** One entity as Graph shows it: the selected properties, or the type's defaults. */
export function project<T>(
  shape: ResourceShape<T>,
  item: T,
  select?: string[],
): Record<string, unknown> {
  const hidden = new Set(shape.hidden ?? []);
  const names = (select ?? shape.defaults).filter((name) => !hidden.has(name));
  return Object.fromEntries(names.map((name) => [name, shape.properties[name]!(item)]));
}

/** Selecting or filtering on a guarded property needs its own permission, or Graph answers 403. */
export function authorizeProperties<T>(
  call: GraphCall,
  shape: ResourceShape<T>,
  names: readonly string[],
): void {
  for (const name of names) {
    const requirement = shape.guarded?.[name.split("/")[0]!.toLowerCase()];
    const refused = requirement && authorize(call.caller, requirement);
    if (refused) throw refused;
  }
}

/** `{serviceRoot}/$metadata#users(id,displayName)/$entity` as Graph writes it. */
export function contextUrl(
  call: GraphCall,
  set: string,
  select?: string[],
  entity = false,
): string {
  const selected = select ? `(${select.join(",")})` : "";
  return `${call.serviceRoot}/$metadata#${set}${selected}${entity ? "/$entity" : ""}`;
}

export interface Collection<T> {
  shape: ResourceShape<T>;
  items: readonly T[];
  idOf(item: T): string;
  /** The entity set in @odata.context, e.g. `users` or `directoryObjects`. */
  set: string;
  /** directoryObject collections tag each item with its `@odata.type`. */
  typed?: boolean;
}

function filtered<T>(call: GraphCall, collection: Collection<T>, advanced: boolean): readonly T[] {
  const filterText = option(call.req.query, "$filter");
  if (filterText === undefined) return collection.items;
  const filter = parseFilter(filterText);
  authorizeProperties(call, collection.shape, propertiesOf(filter));
  return collection.items.filter(compileFilter(filter, collection.shape, advanced));
}

/** A Graph collection page: $filter, $orderby, $select, $top, $count and $skiptoken paging. */
export function listCollection<T>(call: GraphCall, collection: Collection<T>): GraphResult {
  const { req } = call;
  const { shape } = collection;
  rejectUnsupportedOptions(req.query);
  const token = skipToken(req.query);
  // A follow-up page was validated on page one; Graph does not need the headers again.
  const count = token === undefined ? parseCount(req) : false;
  const advanced = token !== undefined || (count && eventualConsistency(req));
  const select = parseSelect(req.query, shape);
  authorizeProperties(call, shape, select ?? []);
  const top = parseTop(req.query);
  const orderBy = parseOrderBy(req.query, shape);
  let items = filtered(call, collection, advanced);
  if (orderBy) {
    const sign = orderBy.descending ? -1 : 1;
    items = [...items].sort((a, b) => sign * orderBy.key(a).localeCompare(orderBy.key(b)));
  }
  const start = resumeIndex(token, items, collection.idOf);
  const page = items.slice(start, start + top);
  const end = start + page.length;
  const odataType = `#${shape.odataType}`;
  const body: Record<string, unknown> = {
    "@odata.context": contextUrl(call, collection.set, select),
  };
  if (count) body["@odata.count"] = items.length;
  const last = page[page.length - 1];
  if (end < items.length && last !== undefined) {
    const origin = new URL(call.serviceRoot).origin;
    body["@odata.nextLink"] = nextLink(
      origin,
      req.path,
      req.query,
      encodeSkipToken(collection.idOf(last), end),
    );
  }
  body["value"] = page.map((item) => {
    const projected = project(shape, item, select);
    return collection.typed ? { "@odata.type": odataType, ...projected } : projected;
  });
  return { status: 200, body };
}

/** `GET /users/$count`: the number as text/plain; needs `ConsistencyLevel: eventual`. */
export function countCollection<T>(call: GraphCall, collection: Collection<T>): GraphResult {
  if (!eventualConsistency(call.req)) throw badRequest("$count is not currently supported.");
  const count = filtered(call, collection, true).length;
  return { status: 200, headers: { "content-type": "text/plain" }, body: String(count) };
}
