"use client";

import { Fragment, useState } from "react";
import { formatDateTime } from "@/components/format/date-time";
import { RecordDetails } from "@/components/history/record-details";
import { ACTION_LABEL, OUTCOME_LABEL } from "@/components/history/history-labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { HistoryRecordView } from "@/lib/api/history";

const ACTOR_KIND = { person: null, rule: "Rule", system: "Licensedesk" } as const;

/** The records, newest first; each opens to its detail, and a person's name filters to what they did. */
export function HistoryTable({
  records,
  onActor,
}: {
  records: HistoryRecordView[];
  onActor: (oid: string) => void;
}) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (seq: number) =>
    setOpen((old) => {
      const next = new Set(old);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full min-w-[60rem] text-sm">
        <caption className="sr-only">History of writes, newest first</caption>
        <thead className="bg-zinc-50 text-left text-xs text-zinc-600 dark:bg-zinc-900 dark:text-zinc-300">
          <tr>
            {["When", "Who", "What", "User", "Outcome", "Summary", ""].map((h, i) => (
              <th key={h || i} scope="col" className="px-3 py-2 font-medium">
                {h || <span className="sr-only">Details</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {records.map((record) => {
            const outcome = record.outcome ? OUTCOME_LABEL[record.outcome] : undefined;
            const kind = ACTOR_KIND[record.actor.kind];
            const expanded = open.has(record.seq);
            return (
              <Fragment key={record.seq}>
                <tr
                  className="border-t border-zinc-100 align-top dark:border-zinc-800"
                  data-seq={record.seq}
                >
                  <td className="px-3 py-2 whitespace-nowrap tabular-nums">
                    {formatDateTime(record.at)}
                  </td>
                  <td className="px-3 py-2">
                    <button
                      type="button"
                      className="text-left underline-offset-2 hover:underline"
                      title="Show only what this person did"
                      onClick={() => onActor(record.actor.oid)}
                    >
                      {record.actor.name}
                    </button>
                    {kind && <Badge className="ml-1">{kind}</Badge>}
                  </td>
                  <td className="px-3 py-2">{ACTION_LABEL[record.action]}</td>
                  <td className="px-3 py-2">
                    {record.target ? (
                      <>
                        <span className="block">{record.target.displayName}</span>
                        <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                          {record.target.upn}
                        </span>
                      </>
                    ) : (
                      <span className="text-zinc-500">–</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    {outcome ? <Badge variant={outcome.variant}>{outcome.label}</Badge> : null}
                  </td>
                  <td className="max-w-[28rem] px-3 py-2">{record.summary}</td>
                  <td className="px-3 py-2 text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-expanded={expanded}
                      aria-label={`${expanded ? "Hide" : "Show"} the details of record ${record.seq}`}
                      onClick={() => toggle(record.seq)}
                    >
                      {expanded ? "Hide" : "Details"}
                    </Button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="bg-zinc-50/60 dark:bg-zinc-950/40">
                    <td colSpan={7} className="px-3 py-3">
                      <RecordDetails seq={record.seq} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
