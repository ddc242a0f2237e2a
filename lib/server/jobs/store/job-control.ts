import "server-only";
import type { Database } from "@/lib/server/db/database";
import type { JobStatus, PauseReason } from "@/lib/server/db/schema";
import { appendHistory } from "@/lib/server/history/append";
import { SYSTEM_HISTORY_ACTOR } from "@/lib/server/history/draft";
import { cancelIdleItems, lockJob } from "./items";
import type { Actor } from "./types";

type Control = "pause" | "resume" | "cancel";

export interface JobControlRequest {
  jobId: string;
  actor: Actor;
  now: number;
}

/** Who pauses a job whose creator's sign-in has expired: Licensedesk itself, as the history names it. */
export const SYSTEM_ACTOR: Actor = {
  oid: SYSTEM_HISTORY_ACTOR.oid,
  name: SYSTEM_HISTORY_ACTOR.name,
};

const ALLOWED_FROM: Record<Control, JobStatus[]> = {
  pause: ["queued", "running"],
  resume: ["paused"],
  cancel: ["queued", "running", "paused"],
};

const ACTION = { pause: "job.paused", resume: "job.resumed", cancel: "job.cancelled" } as const;

const SUMMARY: Record<Control, string> = {
  pause: "Paused the bulk reprocess",
  resume: "Resumed the bulk reprocess",
  cancel: "Cancelled the bulk reprocess",
};

interface ControlOptions {
  /** Why a pause happens, or which pause a resume may lift (any when absent). */
  reason?: PauseReason;
}

/** Applies a control to a job and records it in the history; false when the job does not exist or is not in a state for it. */
async function controlJob(
  database: Database,
  control: Control,
  { jobId, actor, now }: JobControlRequest,
  { reason }: ControlOptions = {},
): Promise<boolean> {
  return database.kysely.transaction().execute(async (trx) => {
    const job = await lockJob(trx, database.dialect, jobId);
    if (!job || !ALLOWED_FROM[control].includes(job.status)) return false;
    if (control === "resume" && reason && job.pause_reason !== reason) return false;
    const status: JobStatus =
      control === "pause"
        ? "paused"
        : control === "cancel"
          ? "cancelling"
          : job.started_at === null
            ? "queued"
            : "running";
    const pauseReason = control === "pause" ? (reason ?? "paused_by_user") : null;
    await trx
      .updateTable("jobs")
      .set({ status, pause_reason: pauseReason })
      .where("id", "=", jobId)
      .execute();
    const itemRecords = control === "cancel" ? await cancelIdleItems(trx, job, now, actor) : [];
    // Workers gave the items back to wait for the sign-in; with it here, they are due at once.
    if (control === "resume" && job.pause_reason === "sign_in_required") {
      await trx
        .updateTable("job_items")
        .set({ next_attempt_at: now, updated_at: now })
        .where("job_id", "=", jobId)
        .where("state", "in", ["pending", "written"])
        .where("lease_owner", "is", null)
        .where("next_attempt_at", ">", now)
        .execute();
    }
    // Last: the history's chain head is the final lock a transaction takes.
    await appendHistory(
      trx,
      database.dialect,
      [
        {
          tenantId: job.tenant_id,
          action: ACTION[control],
          actor: { kind: actor.oid === SYSTEM_ACTOR.oid ? "system" : "person", ...actor },
          jobId,
          summary: reason ? `${SUMMARY[control]} (${reason})` : SUMMARY[control],
          detail: reason ? { reason } : undefined,
        },
        ...itemRecords,
      ],
      now,
    );
    return true;
  });
}

/** Stops handing out the job's items; items already claimed finish. */
export const pauseJob = (database: Database, request: JobControlRequest) =>
  controlJob(database, "pause", request);

export const resumeJob = (database: Database, request: JobControlRequest) =>
  controlJob(database, "resume", request);

/** Finalizes the pending items as cancelled at once; items being written finish, then the job is cancelled. */
export const cancelJob = (database: Database, request: JobControlRequest) =>
  controlJob(database, "cancel", request);

/** Delegated mode: the creator's sign-in expired, so the job waits for them (nothing reaches Graph). */
export const pauseJobForSignIn = (
  database: Database,
  { jobId, now }: Omit<JobControlRequest, "actor">,
) =>
  controlJob(
    database,
    "pause",
    { jobId, now, actor: SYSTEM_ACTOR },
    { reason: "sign_in_required" },
  );

/** The creator is back with a fresh sign-in: lifts only a pause for sign-in, never one someone chose. */
export const resumeJobAfterSignIn = (database: Database, request: JobControlRequest) =>
  controlJob(database, "resume", request, { reason: "sign_in_required" });
