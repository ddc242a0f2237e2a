import "server-only";
import type { GetSeatsResponse } from "@/lib/api/seats";
import { graphFor } from "../graph/for-caller";
import type { Caller } from "../http/with-auth";
import { readSubscribedSkus } from "./context";
import { seatsOf } from "./failing";
import { getLicenseNames } from "../names/resolver";
import { licenseErrorsScan } from "./license-errors";

/**
 * `GET /api/seats`: every subscription with its seats and how many users are in error on it, so an
 * admin sees when buying or freeing seats is the real fix. Counts come from the (cached) scan.
 */
export async function getSeats(caller: Caller): Promise<GetSeatsResponse> {
  const callerGraph = await graphFor(caller);
  // The list in memory, however old: the app's own writes keep it true, and reading the tenant again
  // for a count after every reprocess would undo the point of updating rows in place.
  const scan = licenseErrorsScan(callerGraph, { refresh: false, ttlMs: Number.POSITIVE_INFINITY });
  const skus = await readSubscribedSkus(callerGraph.graph);
  await scan.settled();
  if (scan.failure) throw scan.failure;
  const usersInError = new Map<string, number>();
  for (const row of scan.rows.values()) {
    for (const skuId of new Set(row.failing.map((f) => f.skuId.toLowerCase()))) {
      usersInError.set(skuId, (usersInError.get(skuId) ?? 0) + 1);
    }
  }
  const names = await getLicenseNames(skus);
  const products = skus.map((sku) => ({
    skuId: sku.skuId,
    productName: names.product(sku.skuId),
    skuPartNumber: sku.skuPartNumber,
    ...seatsOf(sku),
    usersInError: usersInError.get(sku.skuId.toLowerCase()) ?? 0,
    capabilityStatus: sku.capabilityStatus,
  }));
  products.sort(
    (a, b) => b.usersInError - a.usersInError || a.productName.localeCompare(b.productName),
  );
  return { products };
}
