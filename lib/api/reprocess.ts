import { z } from "zod";
import { failingAssignmentSchema } from "./license-errors";
import { isUsageLocation } from "./usage-locations";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// local@domain with only the characters Entra allows in a UPN; nothing that could change a Graph URL.
const UPN = /^[A-Za-z0-9'_!^~+.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
/** Entra's limit for a userPrincipalName (64 before the @, the rest for the domain). */
export const MAX_UPN_LENGTH = 113;

/** A user is addressed by object id (GUID) or userPrincipalName, never by anything that could alter the URL. */
export const userIdSchema = z
  .string()
  .max(MAX_UPN_LENGTH, "A user id is a GUID or a userPrincipalName of at most 113 characters.")
  .refine(
    (id) => GUID.test(id) || (UPN.test(id) && !id.includes("..") && !id.startsWith(".")),
    "A user id is a GUID or a userPrincipalName (name@domain).",
  );

/** Route params of `POST /api/users/{id}/reprocess`. */
export const reprocessUserParamsSchema = z.object({ id: userIdSchema });

export type ReprocessUserParams = z.infer<typeof reprocessUserParamsSchema>;

/** Route params of `POST /api/users/{id}/usage-location`. */
export const setUsageLocationParamsSchema = reprocessUserParamsSchema;

export const usageLocationSchema = z
  .string()
  .refine(isUsageLocation, "Choose a country from the list (ISO 3166-1 alpha-2, e.g. US).");

/** Body of `POST /api/users/{id}/usage-location`. */
export const setUsageLocationBodySchema = z.object({ usageLocation: usageLocationSchema });

export type SetUsageLocationBody = z.infer<typeof setUsageLocationBodySchema>;

const namedPlanSchema = z.object({ id: z.string(), name: z.string() });

export const licenseSnapshotSchema = z.object({
  readAt: z.string(),
  usageLocation: z.string().nullable(),
  assignedLicenses: z.array(
    z.object({
      skuId: z.string(),
      productName: z.string(),
      disabledPlans: z.array(namedPlanSchema),
    }),
  ),
  assignedPlans: z.array(
    z.object({
      servicePlanId: z.string(),
      planName: z.string(),
      service: z.string(),
      capabilityStatus: z.string(),
      assignedDateTime: z.string(),
    }),
  ),
  licenseAssignmentStates: z.array(
    z.object({
      skuId: z.string(),
      productName: z.string(),
      groupId: z.string().nullable(),
      groupName: z.string().nullable(),
      state: z.string(),
      error: z.string(),
      lastUpdatedDateTime: z.string().nullable(),
    }),
  ),
});

/** What a user's licensing looked like at one moment. */
export type LicenseSnapshot = z.infer<typeof licenseSnapshotSchema>;

const productRefSchema = z.object({ skuId: z.string(), productName: z.string() });
const planRefSchema = z.object({
  servicePlanId: z.string(),
  planName: z.string(),
  service: z.string(),
  capabilityStatus: z.string(),
});
const stateValueSchema = z.object({ state: z.string(), error: z.string() });

export const licenseDiffSchema = z.object({
  licenses: z.object({
    added: z.array(productRefSchema),
    removed: z.array(productRefSchema),
    changed: z.array(
      productRefSchema.extend({
        plansDisabled: z.array(namedPlanSchema),
        plansEnabled: z.array(namedPlanSchema),
      }),
    ),
  }),
  plans: z.object({
    added: z.array(planRefSchema),
    removed: z.array(planRefSchema),
    changed: z.array(
      z.object({
        servicePlanId: z.string(),
        planName: z.string(),
        from: z.string(),
        to: z.string(),
      }),
    ),
  }),
  /** One entry per assignment (product × source) whose state or error changed; null = absent on that side. */
  states: z.array(
    z.object({
      skuId: z.string(),
      productName: z.string(),
      groupId: z.string().nullable(),
      groupName: z.string().nullable(),
      before: stateValueSchema.nullable(),
      after: stateValueSchema.nullable(),
    }),
  ),
  /** One line for people, e.g. "Office 365 E3 now active: 12 plans added". */
  summary: z.string(),
});

export type LicenseDiff = z.infer<typeof licenseDiffSchema>;

export const reprocessOutcomeKindSchema = z.enum([
  "resolved",
  "still_in_error",
  "unchanged",
  "timed_out",
]);

export const reprocessOutcomeSchema = z.object({
  kind: reprocessOutcomeKindSchema,
  message: z.string(),
  /** The assignments still failing after the reprocess, with their explanations. */
  remaining: z.array(failingAssignmentSchema),
});

export type ReprocessOutcome = z.infer<typeof reprocessOutcomeSchema>;

/** Answer of `POST /api/users/{id}/reprocess` and `POST /api/users/{id}/usage-location`. */
export const reprocessResultSchema = z.object({
  userId: z.string(),
  before: licenseSnapshotSchema,
  after: licenseSnapshotSchema,
  diff: licenseDiffSchema,
  outcome: reprocessOutcomeSchema,
});

export type ReprocessResult = z.infer<typeof reprocessResultSchema>;
