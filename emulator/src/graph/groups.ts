import { membersWithLicenseErrors } from "../licensing/engine";
import { groupById, membersOf } from "../tenant/lookup";
import type { Group, Tenant, User } from "../tenant/model";
import { resourceNotFound } from "./errors";
import { entitySetRoutes } from "./entity-set";
import { listCollection } from "./odata/collection";
import { READ_GROUPS } from "./permissions";
import { groupShape } from "./resources/group";
import { userShape } from "./resources/user";
import type { GraphCall, GraphRoute } from "./routing";

function findGroup(tenant: Tenant, id: string): Group {
  const group = groupById(tenant, id);
  if (!group) throw resourceNotFound(id);
  return group;
}

/** Group members as Graph lists them: directoryObjects, each with its `@odata.type`. */
function memberList(call: GraphCall, members: (tenant: Tenant, group: Group) => readonly User[]) {
  const { tenant } = call.state;
  const group = findGroup(tenant, call.params["id"]!);
  return listCollection(call, {
    shape: userShape,
    items: members(tenant, group),
    idOf: (u) => u.id,
    set: "directoryObjects",
    typed: true,
  });
}

export const groupRoutes: GraphRoute[] = [
  ...entitySetRoutes({
    name: "groups",
    requires: READ_GROUPS,
    entities: (call) => ({
      shape: groupShape(call.state.tenant),
      items: call.state.tenant.groups,
      idOf: (g) => g.id,
    }),
    find: findGroup,
  }),
  {
    method: "GET",
    pattern: "/groups/:id/members",
    requires: READ_GROUPS,
    handle: (call) => memberList(call, membersOf),
  },
  {
    method: "GET",
    pattern: "/groups/:id/membersWithLicenseErrors",
    requires: READ_GROUPS,
    handle: (call) => memberList(call, membersWithLicenseErrors),
  },
];
