"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { JobEstimate, JobSelection, JobView } from "@/lib/api/jobs";
import { useCreateJob, useEstimateJob } from "@/lib/client/use-job-actions";
import { useLiveJob } from "@/lib/client/use-jobs";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { formatDuration } from "@/components/format/duration";
import { usersCount } from "@/components/format/users-count";
import { JobCounts, JobProgressBar } from "@/components/jobs/job-progress";

/** What the admin asked to reprocess: the selection sent to the API and how it reads. */
export interface ReprocessRequest {
  selection: JobSelection;
  /** E.g. "50 users picked in the grid" or "Everyone in error with Not enough licenses". */
  what: string;
}

interface ReprocessDialogProps {
  request: ReprocessRequest | null;
  onClose: () => void;
  /** The job exists: the selection it came from may be cleared. */
  onCreated: () => void;
}

function EstimateText({ estimate }: { estimate: JobEstimate }) {
  const running = estimate.jobsRunning;
  return (
    <p>
      About <strong>{formatDuration(estimate.expectedSeconds)}</strong> at the current Graph budget
      of {estimate.writesPerMinute.toLocaleString()} writes/min (
      {running === 0 ? "no other job running" : `${running} job${running === 1 ? "" : "s"} running`}
      ).
    </p>
  );
}

/** The new job's progress, live, while the dialog stays open. */
function StartedJob({ job }: { job: JobView }) {
  const live = useLiveJob(job.id);
  const current = live.data?.job ?? job;
  return (
    <div className="space-y-2">
      <p role="status">Started. It goes on if you close this or the browser.</p>
      <JobProgressBar job={current} />
      <JobCounts job={current} />
      <Link
        href={`/jobs/${job.id}`}
        className="inline-block text-sky-800 underline underline-offset-2 dark:text-sky-300"
      >
        Open the job page
      </Link>
    </div>
  );
}

/**
 * Asks before a bulk reprocess: how many users and how long at the current Graph budget. Confirm
 * starts the job and shows its progress; a refusal (400, 403, 429) is shown and nothing is lost.
 */
export function ReprocessDialog({ request, onClose, onCreated }: ReprocessDialogProps) {
  const estimate = useEstimateJob();
  const create = useCreateJob();
  const { mutate: runEstimate, reset: resetEstimate } = estimate;
  const { reset: resetCreate } = create;
  useEffect(() => {
    resetCreate();
    if (request) runEstimate(request.selection);
    else resetEstimate();
  }, [request, runEstimate, resetEstimate, resetCreate]);

  const users = estimate.data?.users;
  const title = create.data
    ? `Reprocessing ${usersCount(create.data.progress.total)}`
    : users !== undefined
      ? `Reprocess ${usersCount(users)}?`
      : "Reprocess users?";
  const confirm = () =>
    request && create.mutate(request.selection, { onSuccess: () => onCreated() });

  return (
    <Dialog
      open={request !== null}
      onClose={onClose}
      title={title}
      footer={
        create.data ? (
          // The button that started the job is gone; focus must not fall back to the page.
          <Button autoFocus onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button variant="outline" onClick={onClose}>
              Cancel
            </Button>
            {estimate.isError ? (
              <Button onClick={() => request && runEstimate(request.selection)}>Try again</Button>
            ) : (
              <Button
                disabled={!users || create.isPending}
                onClick={confirm}
                aria-describedby={create.isError ? "reprocess-dialog-error" : undefined}
              >
                {create.isPending ? "Starting…" : `Reprocess ${users ? usersCount(users) : ""}`}
              </Button>
            )}
          </>
        )
      }
    >
      <p className="text-zinc-600 dark:text-zinc-400">{request?.what}</p>
      {estimate.isPending && <p role="status">Counting users and reading the Graph budget…</p>}
      {estimate.isError && (
        <ActionErrorMessage error={estimate.error} what="The reprocess could not be estimated" />
      )}
      {estimate.data && !create.data && (
        <>
          {users === 0 ? (
            <p role="status">Nobody to reprocess: no user is in error this way any more.</p>
          ) : (
            <EstimateText estimate={estimate.data} />
          )}
          <p className="text-zinc-600 dark:text-zinc-400">
            Each user&apos;s licenses are processed again and checked afterwards. The job keeps
            going if you close the browser.
          </p>
        </>
      )}
      {create.isError && (
        <div id="reprocess-dialog-error">
          <ActionErrorMessage error={create.error} what="The job was not started" />
        </div>
      )}
      {create.data && <StartedJob job={create.data} />}
    </Dialog>
  );
}
