"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/components/format/date-time";
import { ACTION_LABEL, OUTCOME_LABEL } from "@/components/history/history-labels";
import { RecordDetails } from "@/components/history/record-details";
import { Badge } from "@/components/ui/badge";
import { useHistory } from "@/lib/client/use-history";

const SHOWN = 10;

/** The user's last changes, newest first, each opening to what it changed; the rest on the history page. */
export function UserHistory({ userId }: { userId: string }) {
  const history = useHistory({ user: userId }, SHOWN);
  const [open, setOpen] = useState<number | null>(null);
  const records = history.data?.pages[0]?.records ?? [];
  return (
    <section aria-labelledby="user-history-heading" className="space-y-2">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id="user-history-heading" className="text-base font-semibold">
          History
        </h3>
        <Link
          href={`/history?user=${encodeURIComponent(userId)}`}
          className="text-sm underline-offset-2 hover:underline"
        >
          All of this user&apos;s history
        </Link>
      </div>
      {history.isPending ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Reading the history…
        </p>
      ) : records.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Licensedesk has changed nothing for this user yet.
        </p>
      ) : (
        <ol aria-label="This user's history" className="space-y-2">
          {records.map((record) => {
            const outcome = record.outcome ? OUTCOME_LABEL[record.outcome] : undefined;
            return (
              <li
                key={record.seq}
                className="rounded-md border border-zinc-200 p-2 text-sm dark:border-zinc-800"
              >
                <button
                  type="button"
                  className="flex w-full flex-wrap items-center gap-2 text-left"
                  aria-expanded={open === record.seq}
                  onClick={() => setOpen(open === record.seq ? null : record.seq)}
                >
                  <span className="text-zinc-600 tabular-nums dark:text-zinc-400">
                    {formatDateTime(record.at)}
                  </span>
                  <span className="font-medium">{ACTION_LABEL[record.action]}</span>
                  <span>by {record.actor.name}</span>
                  {outcome && <Badge variant={outcome.variant}>{outcome.label}</Badge>}
                </button>
                {open === record.seq && (
                  <div className="mt-2">
                    <RecordDetails seq={record.seq} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
