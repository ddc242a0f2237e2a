"use client";

import dynamic from "next/dynamic";

// The Seats tab opens on a click, so its table stays out of the dashboard's first load.
const SeatsOverview = dynamic(() => import("./seats-overview").then((m) => m.SeatsOverview), {
  loading: () => (
    <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
      Reading subscriptions…
    </p>
  ),
});

const FixMostView = dynamic(() => import("./fix-most-view").then((m) => m.FixMostView));
const ReclaimView = dynamic(() => import("./reclaim-view").then((m) => m.ReclaimView));

/** The Seats tab: its heading, then seats per product with the real fixes first. */
export function SeatsView() {
  return (
    <section aria-labelledby="seats-heading" className="space-y-4">
      <div>
        <h1 id="seats-heading" className="text-2xl font-semibold tracking-tight">
          Seats
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Where buying or freeing seats is the real fix, it is marked first.
        </p>
      </div>
      <SeatsOverview />
      <FixMostView />
      <ReclaimView />
    </section>
  );
}
