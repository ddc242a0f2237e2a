"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { JobView } from "@/lib/api/jobs";
import { isJobFinished } from "@/lib/client/queries/jobs";
import { ActionErrorMessage } from "@/components/errors/action-error-message";
import { FinishedJobRow, JobCard } from "./job-card";

interface JobsPanelProps {
  /** Running and recent jobs, newest first, each in its freshest known state. */
  jobs: JobView[];
  error: Error | null;
  canControl: boolean;
}

/** Finished jobs shown before "Show more"; the running ones always show. */
const FINISHED_SHOWN = 3;

/**
 * Bulk reprocess jobs: running ones as cards with progress and controls, finished ones on a line
 * each. Jobs go on without this page, so opening it shows them again.
 */
export function JobsPanel({ jobs, error, canControl }: JobsPanelProps) {
  const [allFinished, setAllFinished] = useState(false);
  if (jobs.length === 0 && !error) return null;
  const running = jobs.filter((job) => !isJobFinished(job));
  const finished = jobs.filter(isJobFinished);
  const shown = allFinished ? finished : finished.slice(0, FINISHED_SHOWN);
  return (
    <section aria-labelledby="jobs-heading" className="space-y-2">
      <h2 id="jobs-heading" className="text-base font-semibold">
        Reprocess jobs
      </h2>
      {error && <ActionErrorMessage error={error} what="The jobs could not be read" />}
      <ul aria-label="Running and recent jobs" className="grid gap-2 lg:grid-cols-2">
        {running.map((job) => (
          <JobCard key={job.id} job={job} canControl={canControl} />
        ))}
        {shown.map((job) => (
          <FinishedJobRow key={job.id} job={job} />
        ))}
      </ul>
      {finished.length > FINISHED_SHOWN && (
        <Button variant="ghost" size="sm" onClick={() => setAllFinished((all) => !all)}>
          {allFinished
            ? "Show fewer finished jobs"
            : `Show ${finished.length - FINISHED_SHOWN} more finished jobs`}
        </Button>
      )}
    </section>
  );
}
