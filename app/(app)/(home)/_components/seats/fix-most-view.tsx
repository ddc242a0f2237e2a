"use client";

import { Button } from "@/components/ui/button";
import { useLicenseErrors } from "@/lib/client/use-license-errors";
import { showUsersOfFix } from "../use-list-url-state";
import { summarizeFixes } from "./fix-summary";

const users = (n: number) => `${n} user${n === 1 ? "" : "s"}`;

const REACH_NOTE = {
  group: "Changes every member of the group, not only those in error.",
  tenant: "A purchase or a change of seats for the whole tenant.",
  user: null,
} as const;

/** The fixes that clear the most users at once, each able to select exactly those users in the grid. */
export function FixMostView() {
  const list = useLicenseErrors();
  const fixes = summarizeFixes(list.data?.rows ?? []).slice(0, 10);
  return (
    <section aria-labelledby="fix-most-heading" className="space-y-3">
      <div>
        <h2 id="fix-most-heading" className="text-lg font-semibold">
          What would fix the most
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          One change each; after making it, select its users and reprocess them together.
        </p>
      </div>
      {fixes.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {list.data?.done
            ? "No fix here clears more than one user at a time."
            : "Reading the list…"}
        </p>
      ) : (
        <ol className="space-y-2">
          {fixes.map((fix) => (
            <li
              key={fix.key}
              data-fix={fix.key}
              className="flex flex-wrap items-center gap-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
            >
              <span className="w-24 shrink-0 font-semibold tabular-nums">
                {users(fix.userIds.length)}
              </span>
              <span className="min-w-0 flex-1">
                {fix.text}
                {REACH_NOTE[fix.reach] && (
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                    {REACH_NOTE[fix.reach]}
                  </span>
                )}
                {fix.alsoFailingOtherwise > 0 && (
                  <span className="block text-xs text-amber-800 dark:text-amber-300">
                    {users(fix.alsoFailingOtherwise)} of them also fail another way.
                  </span>
                )}
              </span>
              <Button variant="outline" size="sm" onClick={() => showUsersOfFix(fix.key)}>
                Select these {users(fix.userIds.length)}
              </Button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
