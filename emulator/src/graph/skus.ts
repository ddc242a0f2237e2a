import { consumedUnits } from "../licensing/engine";
import type { Sku, Tenant } from "../tenant/model";
import { listCollection } from "./odata/collection";
import type { ResourceShape } from "./odata/resource";
import { READ_ORGANIZATION } from "./permissions";
import type { GraphRoute } from "./routing";

/** Graph's subscribedSku; the model's internal fields (notSoldIn, plan conflicts) stay inside. */
const skuShape = (tenant: Tenant): ResourceShape<Sku> => {
  const properties: ResourceShape<Sku>["properties"] = {
    accountName: () => tenant.displayName,
    accountId: () => tenant.id,
    appliesTo: (s) => s.appliesTo,
    capabilityStatus: (s) => s.capabilityStatus,
    consumedUnits: (s) => consumedUnits(tenant, s.skuId),
    id: (s) => `${tenant.id}_${s.skuId}`,
    prepaidUnits: (s) => ({ ...s.prepaidUnits }),
    servicePlans: (s) =>
      s.servicePlans.map((p) => ({
        servicePlanId: p.servicePlanId,
        servicePlanName: p.servicePlanName,
        provisioningStatus: s.capabilityStatus === "Suspended" ? "Disabled" : "Success",
        appliesTo: p.appliesTo,
      })),
    skuId: (s) => s.skuId,
    skuPartNumber: (s) => s.skuPartNumber,
    subscriptionIds: (s) => [...s.subscriptionIds],
  };
  return {
    name: "SubscribedSku",
    odataType: "microsoft.graph.subscribedSku",
    properties,
    defaults: Object.keys(properties),
    filters: {},
  };
};

export const skuRoutes: GraphRoute[] = [
  {
    method: "GET",
    pattern: "/subscribedSkus",
    requires: READ_ORGANIZATION,
    handle: (call) =>
      listCollection(call, {
        shape: skuShape(call.state.tenant),
        items: call.state.tenant.skus,
        idOf: (s) => s.skuId,
        set: "subscribedSkus",
      }),
  },
];
