import "server-only";
import { getServerEnv } from "../env";
import type { GraphSubscribedSku } from "../graph/types";
import { type CsvNames, loadNamesCsv } from "./csv";
import { PLAN_NAMES, PRODUCT_NAMES } from "./table";

/** Friendly names for products and service plans, with the best fallback available. */
export interface LicenseNames {
  product(skuId: string): string;
  /** The skuPartNumber, e.g. `ENTERPRISEPACK`, or null when nothing knows the product. */
  partNumber(skuId: string): string | null;
  plan(servicePlanId: string): string;
}

/** Table first, then Microsoft's CSV, then what the tenant's subscribedSkus say, then the id. */
export function createLicenseNames(
  skus: readonly GraphSubscribedSku[],
  csv: CsvNames | undefined,
): LicenseNames {
  const graphSkus = new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku]));
  const graphPlans = new Map(
    skus.flatMap((sku) =>
      sku.servicePlans.map((plan) => [plan.servicePlanId.toLowerCase(), plan.servicePlanName]),
    ),
  );
  return {
    product: (skuId) => {
      const id = skuId.toLowerCase();
      return (
        PRODUCT_NAMES.get(id)?.name ??
        csv?.products.get(id)?.name ??
        graphSkus.get(id)?.skuPartNumber ??
        skuId
      );
    },
    partNumber: (skuId) => {
      const id = skuId.toLowerCase();
      return (
        graphSkus.get(id)?.skuPartNumber ??
        PRODUCT_NAMES.get(id)?.partNumber ??
        csv?.products.get(id)?.partNumber ??
        null
      );
    },
    plan: (servicePlanId) => {
      const id = servicePlanId.toLowerCase();
      return PLAN_NAMES.get(id) ?? csv?.plans.get(id) ?? graphPlans.get(id) ?? servicePlanId;
    },
  };
}

let csvNames: { path: string; names: Promise<CsvNames> } | undefined;

/** The configured CSV, read once; a bad file keeps failing loudly until it is fixed. */
function configuredCsv(): Promise<CsvNames | undefined> {
  const path = getServerEnv().licenseNamesCsv;
  if (!path) return Promise.resolve(undefined);
  if (csvNames?.path !== path) {
    const names = loadNamesCsv(path).catch((error: unknown) => {
      csvNames = undefined;
      throw error;
    });
    csvNames = { path, names };
  }
  return csvNames.names;
}

/** Names for this tenant's products, using its subscribedSkus as the last-resort source. */
export async function getLicenseNames(skus: readonly GraphSubscribedSku[]): Promise<LicenseNames> {
  return createLicenseNames(skus, await configuredCsv());
}
