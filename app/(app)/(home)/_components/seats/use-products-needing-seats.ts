"use client";

import { useLicenseErrors } from "@/lib/client/use-license-errors";
import { useSeats } from "@/lib/client/use-seats";
import { seatAdvice } from "./seat-advice";
import { usersWaitingForSeats } from "./users-waiting-for-seats";

/** How many products need seats bought or freed, for the Seats tab's label. */
export function useProductsNeedingSeats(): number {
  const seats = useSeats();
  const list = useLicenseErrors();
  const waiting = usersWaitingForSeats(list.data?.rows ?? []);
  return (seats.data?.products ?? []).filter(
    (product) => seatAdvice(product, waiting.get(product.skuId.toLowerCase()) ?? 0).kind === "buy",
  ).length;
}
