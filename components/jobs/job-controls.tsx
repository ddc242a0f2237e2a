"use client";

import type { JobAction, JobView } from "@/lib/api/jobs";
import { isJobFinished } from "@/lib/client/queries/jobs";
import { useControlJob } from "@/lib/client/use-job-actions";
import { Button } from "@/components/ui/button";
import { ActionErrorMessage } from "@/components/errors/action-error-message";

const LABELS: Record<JobAction, string> = { pause: "Pause", resume: "Resume", cancel: "Cancel" };

/** The actions a job's status allows: a running job pauses, a paused one resumes, either cancels. */
function actionsFor(job: JobView): JobAction[] {
  if (isJobFinished(job) || job.status === "cancelling") return [];
  return [job.status === "paused" ? "resume" : "pause", "cancel"];
}

/** Pause, Resume and Cancel for operators; nothing for readers, who may only watch. */
export function JobControls({ job, canControl }: { job: JobView; canControl: boolean }) {
  const control = useControlJob(job.id);
  const actions = actionsFor(job);
  if (!canControl || actions.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <Button
            key={action}
            variant="outline"
            size="sm"
            disabled={control.isPending}
            aria-label={`${LABELS[action]} ${job.description}`}
            onClick={() => control.mutate(action)}
          >
            {LABELS[action]}
          </Button>
        ))}
      </div>
      {control.isError && (
        <ActionErrorMessage error={control.error} what="The job could not be changed" />
      )}
    </div>
  );
}
