"use client";

import { useId } from "react";
import type { JobAction, JobView } from "@/lib/api/jobs";
import { resumeRefusal } from "@/lib/api/resume-refusal";
import { isJobFinished } from "@/lib/client/queries/jobs";
import { useControlJob } from "@/lib/client/use-job-actions";
import { useMe } from "@/lib/client/use-me";
import { Button } from "@/components/ui/button";
import { ActionErrorMessage } from "@/components/errors/action-error-message";

const LABELS: Record<JobAction, string> = { pause: "Pause", resume: "Resume", cancel: "Cancel" };

/** The actions a job's status allows: a running job pauses, a paused one resumes, either cancels. */
function actionsFor(job: JobView): JobAction[] {
  if (isJobFinished(job) || job.status === "cancelling") return [];
  return [job.status === "paused" ? "resume" : "pause", "cancel"];
}

/**
 * Pause, Resume and Cancel for operators; nothing for readers, who may only watch. Resume stays
 * visible but disabled, with the reason, for an operator the server would refuse it to.
 */
export function JobControls({ job, canControl }: { job: JobView; canControl: boolean }) {
  const control = useControlJob(job.id);
  const me = useMe();
  const reasonId = useId();
  const actions = actionsFor(job);
  if (!canControl || actions.length === 0) return null;
  const resumeBlocked = me.data
    ? resumeRefusal(job.createdBy, me.data.oid, me.data.graphMode)
    : null;
  const blocked = (action: JobAction) => action === "resume" && resumeBlocked !== null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <Button
            key={action}
            variant="outline"
            size="sm"
            disabled={control.isPending || blocked(action)}
            aria-label={`${LABELS[action]} ${job.description}`}
            aria-describedby={blocked(action) ? reasonId : undefined}
            onClick={() => control.mutate(action)}
          >
            {LABELS[action]}
          </Button>
        ))}
      </div>
      {actions.includes("resume") && resumeBlocked && (
        <p id={reasonId} className="text-sm text-zinc-600 dark:text-zinc-400">
          {resumeBlocked}
        </p>
      )}
      {control.isError && (
        <ActionErrorMessage error={control.error} what="The job could not be changed" />
      )}
    </div>
  );
}
