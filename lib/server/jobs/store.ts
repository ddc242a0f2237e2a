import "server-only";

// The job store: durable jobs and items on the app's database, for the job runner and the job routes.
export { appendAuditEvent, listAuditEvents } from "./audit";
export type { AuditEvent, ListAuditEventsOptions, NewAuditEvent } from "./audit";
export { claimItems } from "./claim";
export type { ClaimOptions } from "./claim";
export { createJob } from "./create-job";
export { finishItem, markWritten, renewLeases, scheduleRetry } from "./item-lifecycle";
export {
  cancelJob,
  pauseJob,
  pauseJobForSignIn,
  resumeJob,
  resumeJobAfterSignIn,
  SYSTEM_ACTOR,
} from "./job-control";
export type { JobControlRequest } from "./job-control";
export { getJob, getJobProgress, listJobItems, listJobs } from "./queries";
export type { ListJobItemsOptions } from "./queries";
export type * from "./types";
