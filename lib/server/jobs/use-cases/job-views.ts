import "server-only";
import type { JobItemView, JobView } from "@/lib/api/jobs";
import type { Database } from "@/lib/server/db/database";
import { countFinishedSince } from "@/lib/server/jobs/store/queries";
import type { JobItem, JobSummary } from "@/lib/server/jobs/store/types";

/** The pace is measured over the last minute. */
const PACE_WINDOW_MS = 60_000;
/** Less than this since the start measures nothing yet. */
const MIN_SPAN_MS = 2_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const isFinished = (job: JobSummary) => job.status === "completed" || job.status === "cancelled";

/** Items finished per minute: over the last minute while running, over the whole run once finished. */
function pace(job: JobSummary, finishedInWindow: number, now: number): number | null {
  if (job.startedAt === null) return null;
  if (isFinished(job)) {
    const span = (job.finishedAt ?? now) - job.startedAt;
    const done = job.progress.states.final - job.progress.outcomes.cancelled;
    return span < MIN_SPAN_MS ? null : (done / span) * 60_000;
  }
  const span = Math.min(PACE_WINDOW_MS, now - job.startedAt);
  if (span < MIN_SPAN_MS || (finishedInWindow === 0 && span < PACE_WINDOW_MS)) return null;
  return (finishedInWindow / span) * 60_000;
}

function toJobView(job: JobSummary, finishedInWindow: number, now: number): JobView {
  const perMinute = pace(job, finishedInWindow, now);
  const remaining = job.progress.total - job.progress.states.final;
  const moving = job.status === "running" || job.status === "queued";
  return {
    id: job.id,
    status: job.status,
    pauseReason: job.pauseReason,
    createdBy: job.createdBy,
    createdAt: new Date(job.createdAt).toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    description: job.selection.description,
    progress: {
      total: job.progress.total,
      states: job.progress.states,
      outcomes: job.progress.outcomes,
      perMinute,
      etaSeconds: moving && perMinute ? Math.round((remaining / perMinute) * 60) : null,
    },
  };
}

/** Jobs as the API shows them, with their pace and ETA. */
export async function toJobViews(
  database: Database,
  jobs: JobSummary[],
  now: number,
): Promise<JobView[]> {
  const open = jobs.filter((job) => !isFinished(job)).map((job) => job.id);
  const recent = await countFinishedSince(database, open, now - PACE_WINDOW_MS);
  return jobs.map((job) => toJobView(job, recent.get(job.id) ?? 0, now));
}

export const toJobItemView = (item: JobItem): JobItemView => ({
  id: item.id,
  userId: item.userId,
  userPrincipalName: item.upn,
  displayName: item.displayName,
  state: item.state,
  outcome: item.outcome,
  message: item.detail?.message ?? null,
  diffSummary: item.detail?.diffSummary ?? null,
  graphError: item.detail?.graphError ?? null,
  attempts: item.attempts,
  finishedAt: iso(item.finishedAt),
});
