import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";

/** The fix key of "seats of this product", as the server names it (lower-case skuId). */
export const seatsFixKey = (skuId: string) => `seats:${skuId.toLowerCase()}`;

/**
 * Users waiting for a seat of each product, by lower-case skuId: counted by the product that ran out,
 * not by every product of the group that failed with it.
 */
export function usersWaitingForSeats(rows: LicenseErrorListRow[]): Map<string, number> {
  const waiting = new Map<string, number>();
  for (const row of rows) {
    if (row.resolved) continue;
    const keys = new Set(row.failing.flatMap((f) => f.fixes.map((fix) => fix.key)));
    for (const key of keys) {
      if (!key.startsWith("seats:")) continue;
      const skuId = key.slice("seats:".length);
      waiting.set(skuId, (waiting.get(skuId) ?? 0) + 1);
    }
  }
  return waiting;
}
