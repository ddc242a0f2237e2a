import type { SeatCounts as Seats } from "@/lib/api/license-errors";

/** Bought, in use and available seats of one product. */
export function SeatCounts({ seats }: { seats: Seats }) {
  return (
    <dl className="grid grid-cols-3 gap-2 rounded-md bg-zinc-50 p-3 text-center dark:bg-zinc-900">
      {(
        [
          ["Bought", seats.prepaid],
          ["In use", seats.consumed],
          ["Available", seats.available],
        ] as const
      ).map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
