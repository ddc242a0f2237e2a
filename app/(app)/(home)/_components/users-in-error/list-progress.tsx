"use client";

import { READ_WAY_LABELS } from "@/lib/api/read-way-labels";
import type { LicenseErrorsData } from "@/lib/client/queries/license-errors";
import { formatDateTime } from "@/components/format/date-time";
import { doneText, readingText } from "./reading-line";

/**
 * How the server reads the tenant and how far it has got, or, once done, what it read, how fast and
 * how; the reason for the way chosen and the cost of each way are one click away.
 */
export function ListProgress({
  data,
  reading,
}: {
  data: LicenseErrorsData | undefined;
  reading: boolean;
}) {
  const progress = data?.progress;
  if (reading) {
    const total = progress?.total ?? 0;
    const done = progress?.read ?? 0;
    const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
    return (
      <div className="space-y-1.5">
        <div
          role="progressbar"
          aria-label="Reading users in error"
          aria-valuemin={0}
          aria-valuemax={total || undefined}
          aria-valuenow={total ? done : undefined}
          className="h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
        >
          <div
            className="h-full rounded-full bg-sky-600 transition-[width] duration-300"
            style={{ width: `${total ? percent : 5}%` }}
          />
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {readingText({ plan: data?.plan ?? null, progress: progress ?? null })}
        </p>
      </div>
    );
  }
  if (!data?.done) return null;
  const { plan, done } = data;
  return (
    <div className="text-xs text-zinc-600 dark:text-zinc-400">
      <p>
        {doneText(done)} · {formatDateTime(done.generatedAt)}
        {done.fromCache ? " (from the server's short cache; Refresh reads Graph again)" : ""}
      </p>
      {plan ? (
        <details className="mt-1">
          <summary className="cursor-pointer select-none">Why this way</summary>
          <p className="mt-1">{plan.reason}</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {plan.estimates.map((estimate) => (
              <li key={estimate.way}>
                <span className="font-medium">{READ_WAY_LABELS[estimate.way]}</span>
                {estimate.way === done.way ? " (used)" : ""}: {estimate.note}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
