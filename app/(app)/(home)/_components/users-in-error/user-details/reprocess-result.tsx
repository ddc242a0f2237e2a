"use client";

import type { ReprocessOutcome, ReprocessResult } from "@/lib/api/reprocess";
import type { UserActionState } from "@/lib/client/use-user-actions";
import { cn } from "@/lib/utils";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { LicenseDiffView } from "@/components/licenses/license-diff-view";

const OUTCOMES: Record<ReprocessOutcome["kind"], { label: string; tone: string }> = {
  resolved: {
    label: "Resolved",
    tone: "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-100",
  },
  still_in_error: {
    label: "Still in error",
    tone: "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100",
  },
  unchanged: {
    label: "Unchanged",
    tone: "border-zinc-300 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
  },
  timed_out: {
    label: "Timed out",
    tone: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100",
  },
};

/** The verdict first (resolved, still in error and why, unchanged, timed out), then the diff. */
function ResultView({ result }: { result: ReprocessResult }) {
  const { outcome, diff } = result;
  const look = OUTCOMES[outcome.kind];
  return (
    <div className="space-y-5">
      <div role="status" className={cn("space-y-2 rounded-lg border px-4 py-3", look.tone)}>
        <p className="text-sm font-semibold">Outcome: {look.label}</p>
        <p className="text-base font-medium">{diff.summary}</p>
        {/* A resolved outcome's message only repeats the summary. */}
        {outcome.kind !== "resolved" && <p className="text-sm">{outcome.message}</p>}
        {outcome.kind === "still_in_error" && outcome.remaining.length > 0 && (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {outcome.remaining.map((f) => (
              <li key={`${f.skuId}:${f.groupId ?? "direct"}`}>
                <span className="font-medium">
                  {f.productName}: {f.explanation.title}.
                </span>{" "}
                {f.explanation.fix}
              </li>
            ))}
          </ul>
        )}
      </div>
      <LicenseDiffView before={result.before} after={result.after} diff={diff} />
    </div>
  );
}

/** The latest action on the user as it stands: running, failed with the reason, or its result. */
export function UserActionResult({ action }: { action: UserActionState | undefined }) {
  if (!action || action.status === "idle") return null;
  return (
    <section
      aria-labelledby="result-heading"
      className="space-y-3"
      aria-busy={action.status === "pending"}
    >
      <h3 id="result-heading" className="text-base font-semibold">
        Result
      </h3>
      {action.status === "pending" && (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Reprocessing: Microsoft Graph evaluates the user&apos;s licenses again, and Licensedesk
          reads them back until they settle…
        </p>
      )}
      {action.status === "error" && action.error && (
        // The message says whether anything was written before the failure.
        <ActionErrorMessage error={action.error} what="The reprocess did not run to completion" />
      )}
      {action.status === "success" && action.data && <ResultView result={action.data} />}
    </section>
  );
}
