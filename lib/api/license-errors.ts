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

/**
 * `GET /api/license-errors` answers NDJSON (`application/x-ndjson`), one of these per line: rows as they
 * are ready, progress now and then, and finally `done` or `error`.
 */
export const licenseErrorsStreamEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("rows"), rows: z.array(licenseErrorRowSchema) }),
  z.object({
    type: z.literal("progress"),
    groupsDone: z.number().int(),
    groupsTotal: z.number().int(),
    usersRead: z.number().int(),
  }),
  z.object({
    type: z.literal("done"),
    total: z.number().int(),
    generatedAt: z.string(),
    fromCache: z.boolean(),
  }),
  z.object({ type: z.literal("error"), error: apiErrorSchema }),
]);

export type LicenseErrorsStreamEvent = z.infer<typeof licenseErrorsStreamEventSchema>;

export const LICENSE_ERRORS_CONTENT_TYPE = "application/x-ndjson";
