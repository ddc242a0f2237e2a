"use client";

import { useId, useState } from "react";
import { useLicenseErrors } from "@/lib/client/use-license-errors";
import { useSeats } from "@/lib/client/use-seats";
import { ReclaimableSeats } from "./reclaimable-seats";
import { seatAdvice } from "./seat-advice";
import { usersWaitingForSeats } from "./users-waiting-for-seats";

/**
 * Seats that could be taken back: for each product users wait for (or that is over-assigned) at once,
 * and for any other product on request.
 */
export function ReclaimView() {
  const seats = useSeats();
  const list = useLicenseErrors();
  const selectId = useId();
  const [other, setOther] = useState("");
  const products = seats.data?.products ?? [];
  const waiting = usersWaitingForSeats(list.data?.rows ?? []);
  const short = products.filter((p) => {
    const kind = seatAdvice(p, waiting.get(p.skuId.toLowerCase()) ?? 0).kind;
    return kind === "buy" || kind === "over";
  });
  const rest = products.filter((p) => !short.includes(p));
  const chosen = rest.find((p) => p.skuId === other);
  return (
    <section aria-label="Seats that could be reclaimed" className="space-y-6">
      {short.map((p) => (
        <ReclaimableSeats key={p.skuId} skuId={p.skuId} productName={p.productName} />
      ))}
      {rest.length > 0 && (
        <div className="space-y-3">
          <div className="space-y-1">
            <label htmlFor={selectId} className="block text-sm font-medium">
              Seats to reclaim for another product
            </label>
            <select
              id={selectId}
              value={other}
              onChange={(event) => setOther(event.target.value)}
              className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="">Choose a product</option>
              {rest.map((p) => (
                <option key={p.skuId} value={p.skuId}>
                  {p.productName}
                </option>
              ))}
            </select>
          </div>
          {chosen && <ReclaimableSeats skuId={chosen.skuId} productName={chosen.productName} />}
        </div>
      )}
    </section>
  );
}
