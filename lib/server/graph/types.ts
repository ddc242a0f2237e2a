import "server-only";
import { z } from "zod";

/** Graph payloads the app reads, validated at the edge; unknown fields are dropped. */

const nullableString = z.string().nullable().optional();

export const graphLicenseAssignmentStateSchema = z.object({
  skuId: z.string(),
  assignedByGroup: nullableString,
  state: nullableString,
  error: nullableString,
  lastUpdatedDateTime: nullableString,
  disabledPlans: z.array(z.string()).nullable().optional(),
});

export type GraphLicenseAssignmentState = z.infer<typeof graphLicenseAssignmentStateSchema>;

export const graphAssignedLicenseSchema = z.object({
  skuId: z.string(),
  disabledPlans: z.array(z.string()).nullable().optional(),
});

export const graphAssignedPlanSchema = z.object({
  servicePlanId: z.string(),
  service: z.string().nullable().optional(),
  capabilityStatus: z.string().nullable().optional(),
  assignedDateTime: nullableString,
});

export const graphUserLicensingSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  userPrincipalName: nullableString,
  accountEnabled: z.boolean().nullable().optional(),
  usageLocation: nullableString,
  assignedLicenses: z.array(graphAssignedLicenseSchema).nullable().optional(),
  assignedPlans: z.array(graphAssignedPlanSchema).nullable().optional(),
  licenseAssignmentStates: z.array(graphLicenseAssignmentStateSchema).nullable().optional(),
});

export type GraphUserLicensing = z.infer<typeof graphUserLicensingSchema>;

/** A user holding a product: who they are and where each of their licenses comes from. */
export const graphLicenseHolderSchema = z.object({
  id: z.string(),
  displayName: nullableString,
  userPrincipalName: nullableString,
  accountEnabled: z.boolean().nullable().optional(),
  licenseAssignmentStates: z.array(graphLicenseAssignmentStateSchema).nullable().optional(),
});

export type GraphLicenseHolder = z.infer<typeof graphLicenseHolderSchema>;

/** Graph leaves signInActivity out (or null) for a user with no sign-in recorded since April 2020. */
export const graphLicenseHolderWithSignInSchema = graphLicenseHolderSchema.extend({
  signInActivity: z
    .object({
      lastSignInDateTime: nullableString,
      lastNonInteractiveSignInDateTime: nullableString,
      lastSuccessfulSignInDateTime: nullableString,
    })
    .nullable()
    .optional(),
});

export type GraphLicenseHolderWithSignIn = z.infer<typeof graphLicenseHolderWithSignInSchema>;

export const graphGroupSchema = z.object({ id: z.string(), displayName: nullableString });

export type GraphGroup = z.infer<typeof graphGroupSchema>;

/** A member of a directoryObject collection; only users carry licenses. */
export const graphDirectoryObjectSchema = z.object({
  id: z.string(),
  "@odata.type": z.string().optional(),
});

export const graphSubscribedSkuSchema = z.object({
  skuId: z.string(),
  skuPartNumber: z.string(),
  capabilityStatus: z.string(),
  consumedUnits: z.number(),
  prepaidUnits: z.object({
    enabled: z.number(),
    suspended: z.number().optional(),
    warning: z.number().optional(),
    lockedOut: z.number().optional(),
  }),
  servicePlans: z
    .array(z.object({ servicePlanId: z.string(), servicePlanName: z.string() }))
    .default([]),
});

export type GraphSubscribedSku = z.infer<typeof graphSubscribedSkuSchema>;
