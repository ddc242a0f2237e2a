"use client";

import { createContext, useContext } from "react";
import { JobItemBadge } from "@/components/jobs/job-item-badge";
import type { JobItemView } from "@/lib/api/jobs";
import type { LicenseErrorListRow } from "@/lib/client/queries/license-errors";
import { StateBadge } from "./license-badges";
import { rowValues } from "./license-error-values";

/** Each user's item in the jobs the workspace follows, so a row can say where its user is. */
export const JobItemsContext = createContext<Map<string, JobItemView>>(new Map());

/** The State cell: the user's step in a running job when there is one, else Graph's state. */
export function RowState({ row }: { row: LicenseErrorListRow }) {
  const item = useContext(JobItemsContext).get(row.id);
  if (item) return <JobItemBadge item={item} />;
  return <StateBadge state={rowValues.state(row)[0] ?? ""} />;
}
