import type { Tenant } from "../tenant/model";
import {
  authorizeProperties,
  contextUrl,
  countCollection,
  listCollection,
  project,
  type Collection,
} from "./odata/collection";
import { parseSelect } from "./odata/query";
import type { Requirement } from "./permissions";
import type { GraphCall, GraphRoute } from "./routing";

export interface EntitySet<T> {
  /** The set's path segment and @odata.context name, e.g. `users`. */
  name: string;
  requires: Requirement;
  /** The set as a collection; its entity set name is `name`. */
  entities(call: GraphCall): Omit<Collection<T>, "set">;
  /** The entity a key names; throws Graph's 404 when there is none. */
  find(tenant: Tenant, key: string): T;
}

/** The reads every entity set answers: the list, `$count`, and one entity by key with `$select`. */
export function entitySetRoutes<T>(set: EntitySet<T>): GraphRoute[] {
  const collection = (call: GraphCall) => ({ ...set.entities(call), set: set.name });
  return [
    {
      method: "GET",
      pattern: `/${set.name}`,
      requires: set.requires,
      handle: (call) => listCollection(call, collection(call)),
    },
    {
      method: "GET",
      pattern: `/${set.name}/$count`,
      requires: set.requires,
      handle: (call) => countCollection(call, collection(call)),
    },
    {
      method: "GET",
      pattern: `/${set.name}/:id`,
      requires: set.requires,
      handle: (call) => {
        const { shape } = set.entities(call);
        const select = parseSelect(call.req.query, shape);
        authorizeProperties(call, shape, select ?? []);
        const entity = set.find(call.state.tenant, call.params["id"]!);
        return {
          status: 200,
          body: {
            "@odata.context": contextUrl(call, set.name, select, true),
            ...project(shape, entity, select),
          },
        };
      },
    },
  ];
}
