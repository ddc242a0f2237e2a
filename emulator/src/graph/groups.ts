import { membersWithLicenseErrors } from "../licensing/engine";
import type { Group, Tenant, User } from "../tenant/model";
import { resourceNotFound } from "./errors";
import { contextUrl, countCollection, listCollection, project } from "./odata/collection";
import { parseSelect } from "./odata/query";
import { READ_GROUPS } from "./permissions";
import { groupShape } from "./resources/group";
import { userShape } from "./resources/user";
import type { GraphCall, GraphRoute } from "./routing";

function findGroup(tenant: Tenant, id: string): Group {
  const group = tenant.groups.find((g) => g.id === id.toLowerCase());
  if (!group) throw resourceNotFound(id);
  return group;
}

const groupsCollection = (call: GraphCall) => ({
  shape: groupShape(call.state.tenant),
  items: call.state.tenant.groups,
  idOf: (g: Group) => g.id,
  set: "groups",
});

/** Group members as Graph lists them: directoryObjects, each with its `@odata.type`. */
function memberList(call: GraphCall, members: (tenant: Tenant, group: Group) => User[]) {
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

const allMembers = (tenant: Tenant, group: Group) =>
  group.memberIds.flatMap((id) => tenant.users.filter((u) => u.id === id));

export const groupRoutes: GraphRoute[] = [
  {
    method: "GET",
    pattern: "/groups",
    requires: READ_GROUPS,
    handle: (call) => listCollection(call, groupsCollection(call)),
  },
  {
    method: "GET",
    pattern: "/groups/$count",
    requires: READ_GROUPS,
    handle: (call) => countCollection(call, groupsCollection(call)),
  },
  {
    method: "GET",
    pattern: "/groups/:id",
    requires: READ_GROUPS,
    handle: (call) => {
      const shape = groupShape(call.state.tenant);
      const select = parseSelect(call.req.query, shape);
      const group = findGroup(call.state.tenant, call.params["id"]!);
      return {
        status: 200,
        body: {
          "@odata.context": contextUrl(call, "groups", select, true),
          ...project(shape, group, select),
        },
      };
    },
  },
  {
    method: "GET",
    pattern: "/groups/:id/members",
    requires: READ_GROUPS,
    handle: (call) => memberList(call, allMembers),
  },
  {
    method: "GET",
    pattern: "/groups/:id/membersWithLicenseErrors",
    requires: READ_GROUPS,
    handle: (call) => memberList(call, membersWithLicenseErrors),
  },
];
