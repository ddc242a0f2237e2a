import { requestReprocess } from "../licensing/reprocess";
import type { Tenant, User } from "../tenant/model";
import { resourceNotFound } from "./errors";
import { countCollection, contextUrl, listCollection, project } from "./odata/collection";
import { parseSelect } from "./odata/query";
import { READ_USERS, WRITE_USERS } from "./permissions";
import { userShape } from "./resources/user";
import type { GraphCall, GraphRoute } from "./routing";
import { patchUser } from "./user-patch";

/** `/users/{id | userPrincipalName}`: object ids and UPNs both address a user, case-insensitively. */
export function findUser(tenant: Tenant, key: string): User {
  const lower = key.toLowerCase();
  const user = tenant.users.find(
    (u) => u.id === lower || u.userPrincipalName.toLowerCase() === lower,
  );
  if (!user) throw resourceNotFound(key);
  return user;
}

const usersCollection = (call: GraphCall) => ({
  shape: userShape,
  items: call.state.tenant.users,
  idOf: (u: User) => u.id,
  set: "users",
});

/** What reprocessLicenseAssignment answers with: the default properties plus the license ones. */
const REPROCESS_PROPERTIES = [
  ...userShape.defaults,
  "accountEnabled",
  "assignedLicenses",
  "assignedPlans",
  "usageLocation",
];

export const userRoutes: GraphRoute[] = [
  {
    method: "GET",
    pattern: "/users",
    requires: READ_USERS,
    handle: (call) => listCollection(call, usersCollection(call)),
  },
  {
    method: "GET",
    pattern: "/users/$count",
    requires: READ_USERS,
    handle: (call) => countCollection(call, usersCollection(call)),
  },
  {
    method: "GET",
    pattern: "/users/:id",
    requires: READ_USERS,
    handle: (call) => {
      const select = parseSelect(call.req.query, userShape);
      const user = findUser(call.state.tenant, call.params["id"]!);
      return {
        status: 200,
        body: {
          "@odata.context": contextUrl(call, "users", select, true),
          ...project(userShape, user, select),
        },
      };
    },
  },
  {
    method: "PATCH",
    pattern: "/users/:id",
    requires: WRITE_USERS,
    handle: (call) => {
      patchUser(findUser(call.state.tenant, call.params["id"]!), call.req.body);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: "/users/:id/reprocessLicenseAssignment",
    requires: WRITE_USERS,
    handle: (call) => {
      const user = findUser(call.state.tenant, call.params["id"]!);
      const body = {
        "@odata.context": contextUrl(call, "users", undefined, true),
        ...project(userShape, user, REPROCESS_PROPERTIES),
      };
      requestReprocess(call.state, user);
      return { status: 200, body };
    },
  },
  {
    method: "GET",
    pattern: "/users/:id/licenseDetails",
    requires: READ_USERS,
    handle: (call) => {
      const { tenant } = call.state;
      const user = findUser(tenant, call.params["id"]!);
      const value = user.assignedLicenses.flatMap((license) => {
        const sku = tenant.skus.find((s) => s.skuId === license.skuId);
        if (!sku) return [];
        return [
          {
            id: Buffer.from(`${user.id}:${sku.skuId}`).toString("base64url"),
            skuId: sku.skuId,
            skuPartNumber: sku.skuPartNumber,
            servicePlans: sku.servicePlans.map((plan) => ({
              servicePlanId: plan.servicePlanId,
              servicePlanName: plan.servicePlanName,
              provisioningStatus: license.disabledPlans.includes(plan.servicePlanId)
                ? "Disabled"
                : "Success",
              appliesTo: plan.appliesTo,
            })),
          },
        ];
      });
      return {
        status: 200,
        body: {
          "@odata.context": `${call.serviceRoot}/$metadata#users('${user.id}')/licenseDetails`,
          value,
        },
      };
    },
  },
];
