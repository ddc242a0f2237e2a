"use client";

import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { JobItemView, JobView } from "@/lib/api/jobs";
import {
  isJobFinished,
  jobsListQueryOptions,
  type LiveJobData,
  liveJobQueryOptions,
} from "./queries/jobs";
import { type LicenseErrorsData, markResolved } from "./queries/license-errors";
import { licenseErrorKeys } from "./query-keys";
import { useSignedInApi } from "./use-signed-in-api";

/** Running and recent jobs, read again every few seconds while one is unfinished. */
export function useJobs() {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({ ...jobsListQueryOptions(api, accountId), enabled: ready });
}

/** One job followed live (events, or polling when they fail), with all its items. */
export function useLiveJob(jobId: string) {
  const { api, accountId, ready } = useSignedInApi();
  return useQuery({ ...liveJobQueryOptions(api, accountId, jobId), enabled: ready });
}

/** Each stream is a held connection; browsers allow six per host, and the page needs the rest. */
const MAX_FOLLOWED = 3;
/** A finished job's outcomes stay on the grid's rows this long. */
const RECENT_MS = 15 * 60_000;

/** The jobs the workspace follows live: unfinished ones first, then those finished a moment ago. */
function jobsToFollow(jobs: JobView[], now: number): string[] {
  const recent = (job: JobView) =>
    !isJobFinished(job) ||
    (job.finishedAt !== null && now - Date.parse(job.finishedAt) < RECENT_MS);
  const ranked = jobs
    .filter(recent)
    .toSorted((a, b) => Number(isJobFinished(a)) - Number(isJobFinished(b)));
  return ranked.slice(0, MAX_FOLLOWED).map((job) => job.id);
}

export interface FollowedJobs {
  /** The freshest view of each followed job, by id. */
  jobs: Map<string, JobView>;
  /** Each user's item in the newest followed job that has them, for the grid's row status. */
  itemsByUser: Map<string, JobItemView>;
}

/** Merges the followed jobs; the earlier a job is in the list, the more its status counts for a user. */
function combineFollowed(results: { data?: LiveJobData }[]): FollowedJobs {
  const jobs = new Map<string, JobView>();
  const itemsByUser = new Map<string, JobItemView>();
  for (const { data } of results.toReversed()) {
    if (!data?.job) continue;
    jobs.set(data.job.id, data.job);
    for (const [userId, item] of data.items) itemsByUser.set(userId, item);
  }
  return { jobs, itemsByUser };
}

/**
 * Live state of the jobs worth following on the workspace (see `jobsToFollow`); `asOf` is when the
 * list was read, the "now" that decides which finished jobs are recent.
 */
export function useFollowedJobs(jobs: JobView[], asOf: number): FollowedJobs {
  const { api, accountId, ready } = useSignedInApi();
  // Decided when the list changes, not on every render, so the set of streams stays put.
  const ids = useMemo(() => jobsToFollow(jobs, asOf), [jobs, asOf]);
  return useQueries({
    queries: ids.map((id) => ({ ...liveJobQueryOptions(api, accountId, id), enabled: ready })),
    combine: combineFollowed,
  });
}

/** Users a followed job resolved count as resolved in the list too (chips and State follow). */
export function useJobOutcomesInList(itemsByUser: Map<string, JobItemView>) {
  const { accountId } = useSignedInApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const resolved = new Set<string>();
    for (const [userId, item] of itemsByUser) if (item.outcome === "resolved") resolved.add(userId);
    if (resolved.size === 0) return;
    queryClient.setQueryData<LicenseErrorsData>(licenseErrorKeys.list(accountId), (data) =>
      markResolved(data, resolved),
    );
  }, [itemsByUser, accountId, queryClient]);
}
