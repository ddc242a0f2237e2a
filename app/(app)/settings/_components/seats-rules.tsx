"use client";

import { ActionErrorMessage } from "@/components/errors/action-error-message";
import type { WatchSettingsResponse } from "@/lib/api/watch";
import { useSeats } from "@/lib/client/use-seats";
import { useSetSeatsRule } from "@/lib/client/use-watch";

/** Per product: reprocess the users waiting for a seat as soon as seats are free, checked at each watch run. */
export function SeatsRules({ settings }: { settings: WatchSettingsResponse }) {
  const seats = useSeats();
  const setRule = useSetSeatsRule();
  const rules = new Map(settings.seatsRules.map((r) => [r.skuId.toLowerCase(), r]));
  return (
    <section
      aria-labelledby="rules-heading"
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div>
        <h2 id="rules-heading" className="text-lg font-semibold">
          Reprocess when seats arrive
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          At each check, a product with free seats gets one bulk reprocess of the users waiting
          longest for it, no more than seats are free. In delegated mode the job acts as whoever
          turned the rule on, once they are signed in (it waits, paused, until then); in app-only
          mode it acts as Licensedesk at once.
        </p>
      </div>
      {!settings.enabled && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          The rules act only while the watch is on.
        </p>
      )}
      <ul aria-label="Products" className="space-y-1.5">
        {(seats.data?.products ?? []).map((p) => {
          const rule = rules.get(p.skuId.toLowerCase());
          const id = `rule-${p.skuId}`;
          return (
            <li key={p.skuId} className="flex flex-wrap items-center gap-2 text-sm">
              <input
                id={id}
                type="checkbox"
                className="size-4"
                checked={rule?.enabled ?? false}
                disabled={setRule.isPending}
                onChange={(e) => setRule.mutate({ skuId: p.skuId, enabled: e.target.checked })}
              />
              <label htmlFor={id}>{p.productName}</label>
              <span className="text-zinc-600 dark:text-zinc-400">
                {p.available} free{rule?.enabled ? ` · on, owned by ${rule.owner}` : ""}
              </span>
            </li>
          );
        })}
      </ul>
      {setRule.isError && (
        <ActionErrorMessage error={setRule.error} what="The rule could not be changed" />
      )}
    </section>
  );
}
