"use client";

import Link from "next/link";
import { type ReactNode, useMemo } from "react";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { formatDateTime } from "@/components/format/date-time";
import { usersCount } from "@/components/format/users-count";
import { JobControls } from "@/components/jobs/job-controls";
import { JobCounts, JobProgressBar } from "@/components/jobs/job-progress";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { PauseReason } from "@/components/jobs/pause-reason";
import { Button } from "@/components/ui/button";
import type { JobItemView, JobView } from "@/lib/api/jobs";
import { ApiClientError } from "@/lib/client/api-fetch";
import { useDownloadJobCsv } from "@/lib/client/use-job-actions";
import { useLiveJob } from "@/lib/client/use-jobs";
import { useMe } from "@/lib/client/use-me";
import { JobItemsTable } from "./job-items-table";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function DownloadCsv({ jobId }: { jobId: string }) {
  const download = useDownloadJobCsv(jobId);
  return (
    <div className="space-y-2">
      <Button variant="outline" disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? "Preparing CSV…" : "Download CSV"}
      </Button>
      {download.isError && (
        <ActionErrorMessage error={download.error} what="The CSV could not be downloaded" />
      )}
    </div>
  );
}

/** Who started the job and when, what it covers, its status, progress, pace and controls. */
function JobHeader({ job, canControl, live }: { job: JobView; canControl: boolean; live: string }) {
  return (
    <header className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">{job.description}</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Bulk reprocess of {usersCount(job.progress.total)}
          </p>
        </div>
        <DownloadCsv jobId={job.id} />
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Fact label="Status">
          <JobStatusBadge status={job.status} />
        </Fact>
        <Fact label="Started by">{job.createdBy.name}</Fact>
        <Fact label="Created">{formatDateTime(job.createdAt)}</Fact>
        <Fact label={job.finishedAt ? "Finished" : "Started"}>
          {formatDateTime(job.finishedAt ?? job.startedAt)}
        </Fact>
        <Fact label="Updates">{live}</Fact>
      </dl>
      <div className="space-y-2">
        <JobProgressBar job={job} className="h-3" />
        <JobCounts job={job} />
        <PauseReason job={job} />
      </div>
      <JobControls job={job} canControl={canControl} />
    </header>
  );
}

const byItemOrder = (a: JobItemView, b: JobItemView) => a.id - b.id;

/** The job page's body: header, then every user's outcome as it comes in. */
export function JobDetails({ jobId }: { jobId: string }) {
  const me = useMe();
  const live = useLiveJob(jobId);
  const data = live.data;
  const items = useMemo(() => [...(data?.items.values() ?? [])].toSorted(byItemOrder), [data]);
  return (
    <div className="space-y-6">
      <Link
        href="/"
        className="inline-block text-sm text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
      >
        ← Back to users in error
      </Link>
      {live.isError &&
        (live.error instanceof ApiClientError && live.error.code === "not_found" ? (
          <p role="alert" className="text-sm">
            There is no job {jobId} in this tenant. It may belong to another tenant, or the address
            is mistyped.
          </p>
        ) : (
          <ActionErrorMessage error={live.error} what="This job could not be read" />
        ))}
      {!data?.job && !live.isError && (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Loading the job…
        </p>
      )}
      {data?.job && (
        <>
          <JobHeader
            job={data.job}
            canControl={me.data?.canReprocess ?? false}
            live={
              live.fetchStatus === "fetching"
                ? data.via === "events"
                  ? "Live"
                  : "Checking every 2 s"
                : "Final"
            }
          />
          <JobItemsTable items={items} complete={data.itemsComplete} />
        </>
      )}
    </div>
  );
}
