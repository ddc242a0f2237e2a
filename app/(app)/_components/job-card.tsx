"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { JobView } from "@/lib/api/jobs";
import { formatDateTime } from "./license-error-values";
import { JobControls } from "./job-controls";
import { JOB_STATUS } from "./job-labels";
import { JobCounts, JobProgressBar, JobOutcomes } from "./job-progress";

/** Why a paused job waits, when it was not someone pressing Pause. */
export function PauseReason({ job }: { job: JobView }) {
  if (job.status !== "paused" || job.pauseReason !== "sign_in_required") return null;
  return (
    <p className="text-xs text-amber-800 dark:text-amber-300">
      Waiting for {job.createdBy.name} to open Licensedesk again: the job acts with their sign-in,
      which has expired. It resumes by itself.
    </p>
  );
}

/** One job in the jobs panel: what it reprocesses, who started it, progress and controls. */
export function JobCard({ job, canControl }: { job: JobView; canControl: boolean }) {
  const status = JOB_STATUS[job.status];
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
        <Badge variant={status.variant}>{status.label}</Badge>
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
  const status = JOB_STATUS[job.status];
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-zinc-200 bg-white px-3 py-2 text-sm lg:col-span-2 dark:border-zinc-800 dark:bg-zinc-900">
      <Badge variant={status.variant}>{status.label}</Badge>
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
