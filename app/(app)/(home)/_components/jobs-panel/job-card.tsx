"use client";

import Link from "next/link";
import { formatDateTime } from "@/components/format/date-time";
import { JobControls } from "@/components/jobs/job-controls";
import { JobCounts, JobOutcomes, JobProgressBar } from "@/components/jobs/job-progress";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { PauseReason } from "@/components/jobs/pause-reason";
import type { JobView } from "@/lib/api/jobs";

/** One job in the jobs panel: what it reprocesses, who started it, progress and controls. */
export function JobCard({ job, canControl }: { job: JobView; canControl: boolean }) {
  return (
    <li className="space-y-2 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <Link
            href={`/jobs/${job.id}`}
            className="font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-sky-300"
          >
            {job.description}
          </Link>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {job.createdBy.name} · {formatDateTime(job.createdAt)}
          </p>
        </div>
        <JobStatusBadge status={job.status} />
      </div>
      <JobProgressBar job={job} />
      <JobCounts job={job} />
      <PauseReason job={job} />
      <JobControls job={job} canControl={canControl} />
    </li>
  );
}

/** A finished job on one line: status, what it covered, outcomes, who and when, a small bar. */
export function FinishedJobRow({ job }: { job: JobView }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm lg:col-span-2 dark:border-zinc-800 dark:bg-zinc-900">
      <JobStatusBadge status={job.status} />
      <Link
        href={`/jobs/${job.id}`}
        className="min-w-0 truncate font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-sky-300"
      >
        {job.description}
      </Link>
      <JobOutcomes job={job} />
      <span className="ml-auto text-xs text-zinc-600 dark:text-zinc-400">
        {job.createdBy.name} · {formatDateTime(job.finishedAt ?? job.createdAt)}
      </span>
      <JobProgressBar job={job} className="h-1.5 w-20" />
    </li>
  );
}
