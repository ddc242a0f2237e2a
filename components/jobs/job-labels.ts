import type {
  ItemOutcomeValue,
  ItemStateValue,
  JobProgressView,
  JobStatusValue,
  JobView,
} from "@/lib/api/jobs";
import { formatDuration } from "@/components/format/duration";

type BadgeVariant = "neutral" | "tenant" | "danger" | "warning" | "success";

export const JOB_STATUS: Record<JobStatusValue, { label: string; variant: BadgeVariant }> = {
  queued: { label: "Queued", variant: "neutral" },
  running: { label: "Running", variant: "tenant" },
  paused: { label: "Paused", variant: "warning" },
  cancelling: { label: "Cancelling", variant: "warning" },
  cancelled: { label: "Cancelled", variant: "neutral" },
  completed: { label: "Completed", variant: "success" },
};

/** A user's step in a job, in words: queued → writing → checking → the outcome. */
export const ITEM_STATE: Record<ItemStateValue, string> = {
  pending: "Queued",
  in_flight: "Writing",
  written: "Checking",
  final: "Done",
};

export const OUTCOME: Record<ItemOutcomeValue, { label: string; variant: BadgeVariant }> = {
  resolved: { label: "Resolved", variant: "success" },
  still_in_error: { label: "Still in error", variant: "danger" },
  unchanged: { label: "Unchanged", variant: "neutral" },
  timed_out: { label: "Timed out", variant: "warning" },
  failed: { label: "Failed", variant: "danger" },
  cancelled: { label: "Cancelled", variant: "neutral" },
};

export const OUTCOME_ORDER = Object.keys(OUTCOME) as ItemOutcomeValue[];

/** Users whose outcome is recorded. */
export const finishedCount = (progress: JobProgressView) => progress.states.final ?? 0;

/** Pace and time left, e.g. "120 users/min · about 1 min 10 s left". */
export function paceText(job: JobView): string {
  const { perMinute, etaSeconds } = job.progress;
  const parts: string[] = [];
  if (perMinute !== null) parts.push(`${Math.round(perMinute).toLocaleString()} users/min`);
  if (job.status === "paused") parts.push("paused");
  else if (etaSeconds !== null) parts.push(`about ${formatDuration(etaSeconds)} left`);
  return parts.join(" · ");
}
