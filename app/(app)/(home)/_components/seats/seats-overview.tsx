"use client";

import type { SeatProduct } from "@/lib/api/seats";
import { useLicenseErrors } from "@/lib/client/use-license-errors";
import { useSeats } from "@/lib/client/use-seats";
import { cn } from "@/lib/utils";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { ReclaimableCount } from "./reclaimable-count";
import { seatAdvice } from "./seat-advice";
import { usersWaitingForSeats } from "./users-waiting-for-seats";

function UsageBar({ product }: { product: SeatProduct }) {
  const percent =
    product.prepaid > 0 ? Math.min(100, (product.consumed / product.prepaid) * 100) : 100;
  return (
    <div
      aria-hidden
      className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
    >
      <div
        className={cn(
          "h-full rounded-full",
          percent >= 100 ? "bg-red-600" : percent >= 90 ? "bg-amber-500" : "bg-sky-600",
        )}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}

const TONES = {
  buy: "bg-red-50/70 dark:bg-red-950/30",
  reprocess: "bg-sky-50/70 dark:bg-sky-950/30",
  over: "bg-amber-50/70 dark:bg-amber-950/30",
  none: "",
} as const;

/**
 * Seats per product: bought, in use, available and users in error, with the products where buying
 * or freeing seats (or just reprocessing, once seats are free) is the real fix marked first.
 */
export function SeatsOverview() {
  const seats = useSeats();
  const list = useLicenseErrors();
  if (seats.isError)
    return <ActionErrorMessage error={seats.error} what="Seats could not be read" />;
  if (!seats.isSuccess) {
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Reading subscriptions…
      </p>
    );
  }
  const waiting = usersWaitingForSeats(list.data?.rows ?? []);
  const products = seats.data.products
    .map((product) => {
      const waitingHere = waiting.get(product.skuId.toLowerCase()) ?? 0;
      const missing = Math.max(0, waitingHere - Math.max(0, product.available));
      return { product, waiting: waitingHere, missing, advice: seatAdvice(product, waitingHere) };
    })
    .sort(
      (a, b) =>
        a.advice.rank - b.advice.rank || a.product.productName.localeCompare(b.product.productName),
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full min-w-[62rem] text-sm">
        <caption className="sr-only">Seats per product</caption>
        <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-300">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Product
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Bought
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              In use
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Available
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Users in error
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Waiting for a seat
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Seats missing
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Could be reclaimed (90 days)
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              What helps
            </th>
          </tr>
        </thead>
        <tbody>
          {products.map(({ product, advice, waiting: waitingHere, missing }) => (
            <tr
              key={product.skuId}
              data-advice={advice.kind}
              className={cn("border-t border-zinc-100 dark:border-zinc-800", TONES[advice.kind])}
            >
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <span className="font-medium">{product.productName}</span>
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                  {product.skuPartNumber}
                </span>
                <UsageBar product={product} />
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{product.prepaid}</td>
              <td className="px-3 py-2 text-right tabular-nums">{product.consumed}</td>
              <td
                className={cn(
                  "px-3 py-2 text-right font-medium tabular-nums",
                  product.available <= 0 && "text-red-700 dark:text-red-400",
                )}
              >
                {product.available}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{product.usersInError}</td>
              <td className="px-3 py-2 text-right tabular-nums">{waitingHere}</td>
              <td
                className={cn(
                  "px-3 py-2 text-right tabular-nums",
                  missing > 0 && "font-medium text-red-700 dark:text-red-400",
                )}
              >
                {missing}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {/* Read for the products short of seats only: each is a walk over its holders. */}
                {advice.kind === "buy" || advice.kind === "over" ? (
                  <ReclaimableCount skuId={product.skuId} />
                ) : (
                  <span className="text-zinc-500">–</span>
                )}
              </td>
              <td className="px-3 py-2">{advice.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
