"use client";

import type { JobView } from "@/lib/api/jobs";
import { ActionErrorMessage } from "./action-error-message";
import { JobCard } from "./job-card";

interface JobsPanelProps {
  /** Running and recent jobs, newest first, each in its freshest known state. */
  jobs: JobView[];
  error: Error | null;
  canControl: boolean;
}

/** Running and recent bulk reprocess jobs; they go on without this page and show when it opens. */
export function JobsPanel({ jobs, error, canControl }: JobsPanelProps) {
  if (jobs.length === 0 && !error) return null;
  return (
    <section aria-labelledby="jobs-heading" className="space-y-2">
      <h2 id="jobs-heading" className="text-base font-semibold">
        Reprocess jobs
      </h2>
      {error && <ActionErrorMessage error={error} what="The jobs could not be read" />}
      <ul aria-label="Running and recent jobs" className="grid gap-2 lg:grid-cols-2">
        {jobs.map((job) => (
          <JobCard key={job.id} job={job} canControl={canControl} />
        ))}
      </ul>
    </section>
  );
}
