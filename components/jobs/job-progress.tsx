"use client";

import type { JobView } from "@/lib/api/jobs";
import { cn } from "@/lib/utils";
import { finishedCount, ITEM_STATE, OUTCOME, OUTCOME_ORDER, paceText } from "./job-labels";

/** The share of a job's users with a recorded outcome, as a labelled progress bar. */
export function JobProgressBar({ job, className }: { job: JobView; className?: string }) {
  const { total } = job.progress;
  const done = finishedCount(job.progress);
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div
      role="progressbar"
      aria-label={`Progress of ${job.description}`}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${done} of ${total} users done`}
      className={cn("h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800", className)}
    >
      <div
        className={cn(
          "h-full rounded-full transition-[width] duration-300",
          job.status === "paused" ? "bg-amber-500" : "bg-sky-600",
        )}
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}

/** How many users ended each way, e.g. "Resolved 40 · Timed out 10". */
export function JobOutcomes({ job }: { job: JobView }) {
  const { outcomes } = job.progress;
  const results = OUTCOME_ORDER.filter((o) => (outcomes[o] ?? 0) > 0);
  if (results.length === 0) return null;
  return (
    <ul aria-label="Outcomes" className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
      {results.map((outcome) => (
        <li key={outcome} className="text-zinc-600 tabular-nums dark:text-zinc-400">
          {OUTCOME[outcome].label}:{" "}
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{outcomes[outcome]}</span>
        </li>
      ))}
    </ul>
  );
}

/** Counts per step (while running) and per outcome, then pace and time left. */
export function JobCounts({ job }: { job: JobView }) {
  const { states, total } = job.progress;
  const steps = (["pending", "in_flight", "written"] as const)
    .filter((state) => (states[state] ?? 0) > 0)
    .map((state) => `${states[state]} ${ITEM_STATE[state].toLowerCase()}`);
  const pace = paceText(job);
  return (
    <div className="space-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      <p>
        <span className="font-medium text-zinc-900 tabular-nums dark:text-zinc-100">
          {finishedCount(job.progress)} of {total}
        </span>{" "}
        done{steps.length > 0 && ` · ${steps.join(" · ")}`}
        {pace && ` · ${pace}`}
      </p>
      <JobOutcomes job={job} />
    </div>
  );
}
