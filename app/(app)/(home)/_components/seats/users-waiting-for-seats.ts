import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";

/** Users waiting for a seat of each product (CountViolation), by skuId. */
export function usersWaitingForSeats(rows: LicenseErrorListRow[]): Map<string, number> {
  const waiting = new Map<string, number>();
  for (const row of rows) {
    if (row.resolved) continue;
    const skus = new Set(
      row.failing.filter((f) => f.error === "CountViolation").map((f) => f.skuId),
    );
    for (const skuId of skus) waiting.set(skuId, (waiting.get(skuId) ?? 0) + 1);
  }
  return waiting;
}
