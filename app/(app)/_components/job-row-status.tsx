"use client";

import { createContext, useContext } from "react";
import { Badge } from "@/components/ui/badge";
import type { JobItemView } from "@/lib/api/jobs";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { ITEM_STATE, OUTCOME } from "./job-labels";
import { StateBadge } from "./license-badges";
import { rowValues } from "./license-error-values";

/** Each user's item in the jobs the workspace follows, so a row can say where its user is. */
export const JobItemsContext = createContext<Map<string, JobItemView>>(new Map());

/** A user's step in a job as a badge: queued, writing, checking, then the outcome. */
export function JobItemBadge({ item }: { item: JobItemView }) {
  if (item.state === "final" && item.outcome) {
    const outcome = OUTCOME[item.outcome];
    return (
      <Badge variant={outcome.variant} title={item.message ?? undefined}>
        {outcome.label}
      </Badge>
    );
  }
  return (
    <Badge variant="tenant">
      <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" />
      {ITEM_STATE[item.state]}
    </Badge>
  );
}

/** The State cell: the user's step in a running job when there is one, else Graph's state. */
export function RowState({ row }: { row: LicenseErrorListRow }) {
  const item = useContext(JobItemsContext).get(row.id);
  if (item) return <JobItemBadge item={item} />;
  return <StateBadge state={rowValues.state(row)[0] ?? ""} />;
}
