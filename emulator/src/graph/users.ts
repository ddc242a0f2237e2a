import { requestReprocess } from "../licensing/reprocess";
import { userByKey } from "../tenant/lookup";
import type { Tenant, User } from "../tenant/model";
import { resourceNotFound } from "./errors";
import { entitySetRoutes } from "./entity-set";
import { contextUrl, project } from "./odata/collection";
import { READ_USERS, WRITE_USERS } from "./permissions";
import { userShape } from "./resources/user";
import type { GraphRoute } from "./routing";
import { patchUser } from "./user-patch";

/** `/users/{id | userPrincipalName}`: object ids and UPNs both address a user, case-insensitively. */
export function findUser(tenant: Tenant, key: string): User {
  const user = userByKey(tenant, key);
  if (!user) throw resourceNotFound(key);
  return user;
}

/** What reprocessLicenseAssignment answers with: the default properties plus the license ones. */
const REPROCESS_PROPERTIES = [
  ...userShape.defaults,
  "accountEnabled",
  "assignedLicenses",
  "assignedPlans",
  "usageLocation",
];

export const userRoutes: GraphRoute[] = [
  ...entitySetRoutes({
    name: "users",
    requires: READ_USERS,
    entities: (call) => ({
      shape: userShape,
      items: call.state.tenant.users,
      idOf: (u) => u.id,
    }),
    find: findUser,
  }),
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
