import { z } from "zod";
import { apiErrorSchema } from "./errors";
import { MAX_JOB_DESCRIPTION } from "./job-description";
import { userIdSchema } from "./reprocess";

// Bulk reprocess jobs: the contract between the job routes and the browser.

/** The most users one job takes; a bigger selection is refused with a clear error, not truncated. */
export const MAX_JOB_USERS = 50_000;

/**
 * The largest job body taken (413 above). The largest valid one, 50,000 UPNs of 113 characters, is
 * 5.8 MB written compactly and 6.2 MB indented (a test measures it); 8 MiB leaves a third more.
 */
export const MAX_JOB_BODY_BYTES = 8 * 1024 * 1024;

export const jobStatusSchema = z.enum([
  "queued",
  "running",
  "paused",
  "cancelling",
  "cancelled",
  "completed",
]);
export type JobStatusValue = z.infer<typeof jobStatusSchema>;

/** Why a job is paused: someone paused it, or delegated mode needs its creator to sign in again. */
export const pauseReasonSchema = z.enum(["paused_by_user", "sign_in_required"]);
export type PauseReason = z.infer<typeof pauseReasonSchema>;

/** No name, search or label has control characters, and PostgreSQL refuses NUL in text: a 400, not a 500. */
const hasNoControlCharacters = (text: string) => !/\p{Cc}/u.test(text);

export const itemStateSchema = z.enum(["pending", "in_flight", "written", "final"]);
export type ItemStateValue = z.infer<typeof itemStateSchema>;

export const itemOutcomeSchema = z.enum([
  "resolved",
  "still_in_error",
  "unchanged",
  "timed_out",
  "failed",
  "cancelled",
]);
export type ItemOutcomeValue = z.infer<typeof itemOutcomeSchema>;

/**
 * Who to reprocess. `users`: explicit ids (rows picked in the grid, or every row matching the grid's filter,
 * with `description` saying which). `errorCode` / `group`: everyone in error with that code or through that
 * group, resolved by the server from a fresh scan of the tenant.
 */
export const jobSelectionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("users"),
    userIds: z
      .array(userIdSchema)
      .min(1, "Select at least one user.")
      .max(MAX_JOB_USERS, `A job takes at most ${MAX_JOB_USERS.toLocaleString("en")} users.`),
    /** How the browser describes the selection, e.g. `All 212 users matching "CountViolation"`. */
    description: z
      .string()
      .trim()
      .min(1)
      .max(MAX_JOB_DESCRIPTION)
      .refine(hasNoControlCharacters, "A description must not contain control characters.")
      .optional(),
  }),
  z.object({
    kind: z.literal("errorCode"),
    code: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine(hasNoControlCharacters, "An error code must not contain control characters."),
  }),
  z.object({ kind: z.literal("group"), groupId: z.guid("A group is named by its object id.") }),
]);
export type JobSelection = z.infer<typeof jobSelectionSchema>;

/** Body of `POST /api/jobs` and of `POST /api/jobs/estimate`. */
export const createJobBodySchema = z.object({ selection: jobSelectionSchema });
export type CreateJobBody = z.infer<typeof createJobBodySchema>;

/** `POST /api/jobs/estimate`: how many users the selection holds and how long they take now. */
export const jobEstimateSchema = z.object({
  users: z.number().int(),
  /** Expected duration at the current Graph write budget, verification included. */
  expectedSeconds: z.number().nonnegative(),
  /** Writes per minute the budget allows at full speed (the pace behind the estimate). */
  writesPerMinute: z.number().nonnegative(),
  /** Unfinished jobs ahead, sharing the same budget. */
  jobsRunning: z.number().int(),
});
export type JobEstimate = z.infer<typeof jobEstimateSchema>;

export const jobProgressSchema = z.object({
  total: z.number().int(),
  states: z.record(itemStateSchema, z.number().int()),
  outcomes: z.record(itemOutcomeSchema, z.number().int()),
  /** Items finished per minute over the last minute; null before there is anything to measure. */
  perMinute: z.number().nonnegative().nullable(),
  /** Seconds until every item is final at the current pace; null when unknown or finished. */
  etaSeconds: z.number().nonnegative().nullable(),
});
export type JobProgressView = z.infer<typeof jobProgressSchema>;

export const jobSchema = z.object({
  id: z.string(),
  status: jobStatusSchema,
  pauseReason: pauseReasonSchema.nullable(),
  createdBy: z.object({ oid: z.string(), name: z.string() }),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  description: z.string(),
  progress: jobProgressSchema,
});
export type JobView = z.infer<typeof jobSchema>;

/** `POST /api/jobs` answers 201 with the stored job. */
export const createJobResponseSchema = z.object({ job: jobSchema });
export type CreateJobResponse = z.infer<typeof createJobResponseSchema>;

/** `GET /api/jobs`: unfinished jobs and the most recent finished ones, newest first. */
export const listJobsResponseSchema = z.object({ jobs: z.array(jobSchema) });
export type ListJobsResponse = z.infer<typeof listJobsResponseSchema>;

/** `GET /api/jobs/{id}` */
export const getJobResponseSchema = z.object({ job: jobSchema });
export type GetJobResponse = z.infer<typeof getJobResponseSchema>;

export const jobIdParamsSchema = z.object({ id: z.uuid("A job id is a UUID.") });

export const graphErrorDetailSchema = z.object({
  status: z.number().int(),
  code: z.string(),
  message: z.string(),
  /** Graph's request-id, for Microsoft support. */
  requestId: z.string().nullable().optional(),
});

export const jobItemSchema = z.object({
  id: z.number().int(),
  userId: z.string(),
  userPrincipalName: z.string(),
  displayName: z.string(),
  state: itemStateSchema,
  outcome: itemOutcomeSchema.nullable(),
  /** The outcome in words (for still in error: the reason). */
  message: z.string().nullable(),
  /** One line on what changed, e.g. "Office 365 E3 now active: 12 plans added". */
  diffSummary: z.string().nullable(),
  graphError: graphErrorDetailSchema.nullable(),
  attempts: z.number().int(),
  finishedAt: z.string().nullable(),
});
export type JobItemView = z.infer<typeof jobItemSchema>;

/** `GET /api/jobs/{id}/items?outcome=&state=&q=&cursor=&limit=`: a page of items, in item order. */
export const listJobItemsQuerySchema = z.object({
  outcome: itemOutcomeSchema.optional(),
  state: itemStateSchema.optional(),
  /** Matches name or userPrincipalName, case-insensitively. */
  q: z
    .string()
    .trim()
    .max(200)
    .refine(hasNoControlCharacters, "A search must not contain control characters.")
    .optional(),
  /** The last item id of the previous page. */
  cursor: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(500),
});
export type ListJobItemsQuery = z.infer<typeof listJobItemsQuerySchema>;

export const listJobItemsResponseSchema = z.object({
  items: z.array(jobItemSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.number().int().nullable(),
});
export type ListJobItemsResponse = z.infer<typeof listJobItemsResponseSchema>;

/** `POST /api/jobs/{id}/pause` | `/resume` | `/cancel` answer the job as it is after the change. */
export const jobActionSchema = z.enum(["pause", "resume", "cancel"]);
export type JobAction = z.infer<typeof jobActionSchema>;

/**
 * `GET /api/jobs/{id}/events` (text/event-stream): `progress` whenever counts change, `items` with the
 * items that changed since the last event, and `end` once the job is finished (then the stream closes).
 * `reconnect` closes it early: the caller's token has expired or no longer verifies, so the browser
 * opens the stream again with a fresh token (and hears 401 or 403 if that one is refused too).
 */
export const jobEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), job: jobSchema }),
  z.object({ type: z.literal("items"), items: z.array(jobItemSchema) }),
  z.object({ type: z.literal("end"), job: jobSchema }),
  z.object({ type: z.literal("error"), error: apiErrorSchema }),
  z.object({ type: z.literal("reconnect"), reason: z.string() }),
]);
export type JobEvent = z.infer<typeof jobEventSchema>;

/**
 * `GET /api/jobs/{id}/results.csv`: UTF-8 with BOM, one row per user, these columns in this order.
 * Changing them breaks people's spreadsheets: add columns at the end only.
 */
export const JOB_CSV_COLUMNS = [
  "user_id",
  "user_principal_name",
  "display_name",
  "outcome",
  "message",
  "diff_summary",
  "graph_error_status",
  "graph_error_code",
  "graph_error_message",
  "attempts",
  "finished_at",
] as const;
