import { type CatalogProduct, findCatalogProduct } from "../licensing/catalog";
import { isKnownPlan, servicePlan } from "../licensing/plans";
import type { ServicePlan, Sku } from "../tenant/model";
import { SeedError } from "./errors";
import { objectId } from "./ids";
import type { LicenseDescription, ProductDescription, TenantDescription } from "./schema";

function inlineProduct(product: ProductDescription): CatalogProduct {
  const plans: ServicePlan[] = product.servicePlans.map((p) =>
    typeof p === "string"
      ? catalogPlan(p, product.skuPartNumber)
      : { ...p, conflictsWith: [...p.conflictsWith], dependsOnAnyOf: [...p.dependsOnAnyOf] },
  );
  // Relations may name plans; ids are what the engine compares.
  const resolve = (ref: string) =>
    plans.find((p) => p.servicePlanName.toLowerCase() === ref.toLowerCase())?.servicePlanId ??
    (isKnownPlan(ref) ? servicePlan(ref).servicePlanId : ref);
  for (const plan of plans) {
    plan.conflictsWith = plan.conflictsWith.map(resolve);
    plan.dependsOnAnyOf = plan.dependsOnAnyOf.map(resolve);
  }
  return {
    skuId: product.skuId,
    skuPartNumber: product.skuPartNumber,
    displayName: product.skuPartNumber,
    servicePlans: plans,
    notSoldIn: product.notSoldIn,
  };
}

function catalogPlan(name: string, partNumber: string): ServicePlan {
  if (!isKnownPlan(name)) {
    throw new SeedError(`products.${partNumber}: '${name}' is not a known service plan name.`);
  }
  return servicePlan(name);
}

/** The tenant's subscriptions: each sku resolved against inline products, then the catalog. */
export function buildSkus(tenantId: string, d: TenantDescription): Sku[] {
  const inline = d.products.map(inlineProduct);
  const seen = new Set<string>();
  return d.skus.map((s) => {
    const product =
      inline.find((p) => p.skuPartNumber.toLowerCase() === s.partNumber.toLowerCase()) ??
      findCatalogProduct(s.partNumber);
    if (!product) {
      throw new SeedError(
        `skus: '${s.partNumber}' is neither a catalog product nor defined under products.`,
      );
    }
    if (seen.has(product.skuId)) throw new SeedError(`skus: '${s.partNumber}' is listed twice.`);
    seen.add(product.skuId);
    return {
      skuId: product.skuId,
      skuPartNumber: product.skuPartNumber,
      appliesTo: "User",
      capabilityStatus: s.capabilityStatus,
      prepaidUnits: {
        enabled: s.prepaid,
        suspended: s.suspended,
        warning: s.warning,
        lockedOut: s.lockedOut,
      },
      servicePlans: structuredClone(product.servicePlans),
      subscriptionIds: [objectId(tenantId, "subscription", product.skuPartNumber)],
      notSoldIn: [...product.notSoldIn],
    };
  });
}

/** A subscription by skuId or skuPartNumber (case-insensitive). */
export const findSku = (skus: Sku[], key: string): Sku | undefined =>
  skus.find(
    (s) => s.skuId === key.toLowerCase() || s.skuPartNumber.toLowerCase() === key.toLowerCase(),
  );

/** Turns `{ sku: "ENTERPRISEPACK", disabledPlans: ["SWAY"] }` into ids, or explains what is wrong. */
export function resolveLicense(
  skus: Sku[],
  license: LicenseDescription,
  where: string,
): { skuId: string; disabledPlans: string[] } {
  const sku = findSku(skus, license.sku);
  if (!sku) throw new SeedError(`${where}: the tenant has no subscription to '${license.sku}'.`);
  const disabledPlans = license.disabledPlans.map((ref) => {
    const plan = sku.servicePlans.find(
      (p) => p.servicePlanName.toLowerCase() === ref.toLowerCase() || p.servicePlanId === ref,
    );
    if (!plan) throw new SeedError(`${where}: '${ref}' is not a plan of ${sku.skuPartNumber}.`);
    return plan.servicePlanId;
  });
  return { skuId: sku.skuId, disabledPlans };
}
