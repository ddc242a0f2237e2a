import { z } from "zod";
import { apiErrorSchema } from "./errors";

/** A failing assignment in helpdesk words: what happened, why, and what to do. */
export const licenseExplanationSchema = z.object({
  title: z.string(),
  cause: z.string(),
  fix: z.string(),
  /** The cause must be fixed before a reprocess can help; false where reprocessing alone may help. */
  fixFirst: z.boolean(),
});

export type LicenseExplanation = z.infer<typeof licenseExplanationSchema>;

export const seatCountsSchema = z.object({
  consumed: z.number().int(),
  prepaid: z.number().int(),
  available: z.number().int(),
});

export type SeatCounts = z.infer<typeof seatCountsSchema>;

/** One license assignment of a user that is in Error or ActiveWithError. */
export const failingAssignmentSchema = z.object({
  skuId: z.string(),
  /** Friendly product name, falling back to the part number or the id. */
  productName: z.string(),
  skuPartNumber: z.string().nullable(),
  /** Null for a direct assignment. */
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  /** Graph's raw error code; codes this app does not know are kept as they are. */
  error: z.string(),
  /** `Error`, `ActiveWithError`, … as Graph reports it. */
  state: z.string(),
  lastUpdatedDateTime: z.string().nullable(),
  explanation: licenseExplanationSchema,
  /** Seats of the product, only for CountViolation. */
  seats: seatCountsSchema.nullable(),
  /** The cause named from the user's licenses and the tenant's subscriptions, in one line. */
  causeLine: z.string(),
  /** Ways to clear it; users whose fixes share a key are all cleared by that one fix. */
  fixes: z.array(z.object({ key: z.string(), text: z.string() })),
  /** Microsoft's own words for the error, where the beta assignment-errors API gave them. */
  graphMessage: z.string().nullable().optional(),
});

export type FailingAssignment = z.infer<typeof failingAssignmentSchema>;

/** One user in error; rows are keyed by the Graph object id. */
export const licenseErrorRowSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  usageLocation: z.string().nullable(),
  accountEnabled: z.boolean().nullable(),
  failing: z.array(failingAssignmentSchema).min(1),
});

export type LicenseErrorRow = z.infer<typeof licenseErrorRowSchema>;

/** `GET /api/license-errors?refresh=1`: `1` bypasses the server's short cache. */
export const listLicenseErrorsQuerySchema = z.object({
  refresh: z.enum(["0", "1"]).optional(),
});

export type ListLicenseErrorsQuery = z.infer<typeof listLicenseErrorsQuerySchema>;

/** The ways the server can read a tenant's users in error. */
export const readWaySchema = z.enum(["beta", "directory", "groups"]);

export type ReadWay = z.infer<typeof readWaySchema>;

/** What one way would cost on this tenant, as the server estimated it before choosing. */
export const readWayEstimateSchema = z.object({
  way: readWaySchema,
  /** Requests to Graph, `null` when the survey could not tell. */
  requests: z.number().int().nullable(),
  /** Requests that must follow one another (paging), which latency multiplies. */
  sequential: z.number().int().nullable(),
  resourceUnits: z.number().int().nullable(),
  /** Why the way is or is not usable here, in a few words. */
  note: z.string(),
});

export type ReadWayEstimate = z.infer<typeof readWayEstimateSchema>;

/**
 * `GET /api/license-errors` answers NDJSON (`application/x-ndjson`), one of these per line: how the
 * server will read (`plan`), rows as they are ready, progress now and then, `reset` when it had to
 * start again another way, and finally `done` or `error`.
 */
export const licenseErrorsStreamEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("plan"),
    way: readWaySchema,
    /** Why this way, in a sentence an admin can read. */
    reason: z.string(),
    /** Users in the directory, when Graph counted them. */
    directoryUsers: z.number().int().nullable(),
    estimates: z.array(readWayEstimateSchema),
  }),
  z.object({ type: z.literal("rows"), rows: z.array(licenseErrorRowSchema) }),
  z.object({
    type: z.literal("progress"),
    /** What `read` counts: users of the directory, assignment errors, or groups. */
    unit: z.enum(["users", "errors", "groups"]),
    read: z.number().int(),
    /** How many there are to read, when known. */
    total: z.number().int().nullable(),
    /** Users in error found so far. */
    found: z.number().int(),
  }),
  z.object({ type: z.literal("reset"), reason: z.string() }),
  z.object({
    type: z.literal("done"),
    total: z.number().int(),
    generatedAt: z.string(),
    fromCache: z.boolean(),
    way: readWaySchema,
    directoryUsers: z.number().int().nullable(),
    /** How long reading took, and how many requests it sent (retries included). */
    elapsedMs: z.number().int(),
    requests: z.number().int(),
  }),
  z.object({ type: z.literal("error"), error: apiErrorSchema }),
]);

export type LicenseErrorsStreamEvent = z.infer<typeof licenseErrorsStreamEventSchema>;

export const LICENSE_ERRORS_CONTENT_TYPE = "application/x-ndjson";
