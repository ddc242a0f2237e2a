"use client";

import type { LicenseErrorsData } from "@/lib/client/queries/license-errors";
import { formatDateTime } from "@/components/format/date-time";

/**
 * How far the server has read the tenant (groups done of all groups with members in error), or,
 * once done, when the list was read and whether it came from the server's short cache.
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
    const done = progress?.groupsDone ?? 0;
    const total = progress?.groupsTotal ?? 0;
    const percent = total > 0 ? Math.round((done / total) * 100) : 0;
    return (
      <div className="space-y-1.5">
        <div
          role="progressbar"
          aria-label="Reading groups with license errors"
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
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {total ? `Reading groups: ${done} of ${total}` : "Looking for groups with errors…"}
          {progress ? ` · ${progress.usersRead} users read` : ""}
        </p>
      </div>
    );
  }
  if (!data?.done) return null;
  return (
    <p className="text-xs text-zinc-600 dark:text-zinc-400">
      Read {formatDateTime(data.done.generatedAt)}
      {data.done.fromCache ? " (from the server's short cache; Refresh reads Graph again)" : ""}
    </p>
  );
}
