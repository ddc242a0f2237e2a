import type { JobView } from "@/lib/api/jobs";

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
