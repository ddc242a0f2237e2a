"use client";

import { INACTIVE_DAYS } from "@/lib/api/inactive-days";
import { useReclaimableSeats } from "@/lib/client/use-seats";

/** How many accounts holding the product could give a seat back (the list below reads the same answer). */
export function ReclaimableCount({ skuId }: { skuId: string }) {
  const query = useReclaimableSeats(skuId, INACTIVE_DAYS.default);
  if (!query.data) return <span className="text-zinc-500">{query.isError ? "?" : "…"}</span>;
  const { disabled, inactive } = query.data;
  const count = disabled.length + (inactive.status === "read" ? inactive.accounts.length : 0);
  return <>{count}</>;
}
