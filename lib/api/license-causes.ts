import { z } from "zod";
import { userIdSchema } from "./reprocess";

export const planRefSchema = z.object({ servicePlanId: z.string(), name: z.string() });

export type PlanRef = z.infer<typeof planRefSchema>;

export const productRefSchema = z.object({ skuId: z.string(), name: z.string() });

export type ProductRef = z.infer<typeof productRefSchema>;

/**
 * Where one of the user's licenses comes from: a group, or a direct assignment (both null). `since` is when
 * Graph last changed that assignment's state; Graph keeps no "assigned on" date per source.
 */
export const assignmentSourceSchema = z.object({
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  since: z.string().nullable(),
});

export type AssignmentSource = z.infer<typeof assignmentSourceSchema>;

/** A license of the user: one product from one source, and whether it works. */
export const licenseRefSchema = z.object({
  plan: planRefSchema,
  product: productRefSchema,
  source: assignmentSourceSchema,
  /** `None` when the assignment works; its error code otherwise. */
  error: z.string(),
});

export type LicenseRef = z.infer<typeof licenseRefSchema>;

export const directoryObjectRefSchema = z.object({
  id: z.string(),
  type: z.enum(["user", "group", "orgContact"]),
  displayName: z.string(),
  /** The user's UPN, or the group's or contact's mail. */
  detail: z.string().nullable(),
  /** Users only. */
  accountEnabled: z.boolean().nullable(),
});

export type DirectoryObjectRef = z.infer<typeof directoryObjectRefSchema>;

/** A read Licensedesk skipped for want of a permission, and what granting it would show. */
export const missingPermissionSchema = z.object({ permission: z.string(), enables: z.string() });

export type MissingPermission = z.infer<typeof missingPermissionSchema>;

/** The published page a plan rule rests on. */
export const ruleSourceSchema = z.object({ title: z.string(), url: z.string() });

export const conflictCauseSchema = z.object({
  kind: z.literal("conflict"),
  /** The failing license and the plan of it that cannot be turned on. */
  failing: licenseRefSchema,
  /** The user's other licenses holding a plan it conflicts with, working ones first. */
  with: z.array(licenseRefSchema).min(1),
  source: ruleSourceSchema,
  /** Microsoft has since allowed this pair (the Exchange plans, January 2023): a reprocess may clear it. */
  reprocessMayClear: z.boolean(),
});

export const missingPrerequisiteCauseSchema = z.object({
  kind: z.literal("missingPrerequisite"),
  /** The failing license and its plan that needs another. */
  failing: licenseRefSchema,
  /** The plans of which the user needs one, turned on. */
  needsAnyOf: z.array(planRefSchema).min(1),
  /** Products of this tenant that include one of them, with their free seats. */
  providers: z.array(z.object({ product: productRefSchema, available: z.number().int() })),
  /** The user's license that would bring one, but is failing itself. */
  blockedBy: licenseRefSchema.nullable(),
  source: ruleSourceSchema,
});

export const usageLocationCauseSchema = z.object({
  kind: z.literal("usageLocation"),
  product: productRefSchema,
  /** Null: the user has none. */
  usageLocation: z.string().nullable(),
});

export const duplicateAddressCauseSchema = z.object({
  kind: z.literal("duplicateAddress"),
  product: productRefSchema,
  /** The user's addresses that another recipient also carries, as far as Licensedesk could tell. */
  addresses: z.array(z.string()),
  holders: z.array(directoryObjectRefSchema),
  /**
   * `found`: holders listed. `notInDirectory`: no user, group or contact Licensedesk may read carries one
   * (Exchange-only objects do not show in Graph). `notLookedUp`: the grid's summary, before the panel looks.
   */
  lookup: z.enum(["found", "notInDirectory", "notLookedUp"]),
  missing: z.array(missingPermissionSchema),
});

export const seatsCauseSchema = z.object({
  kind: z.literal("seats"),
  product: productRefSchema,
  prepaid: z.number().int(),
  consumed: z.number().int(),
  available: z.number().int(),
});

export const noSubscriptionCauseSchema = z.object({
  kind: z.literal("noSubscription"),
  product: productRefSchema,
});

export const undeterminedCauseSchema = z.object({
  kind: z.literal("undetermined"),
  code: z.string(),
  /** Why Licensedesk cannot name the cause, in a sentence. */
  reason: z.string(),
  /** Microsoft's own words, where the beta assignment errors gave them. */
  microsoftMessage: z.string().nullable(),
  occurredAt: z.string().nullable(),
});

/** Why one assignment fails, named from the user's own licenses and the tenant's subscriptions. */
export const namedCauseSchema = z.discriminatedUnion("kind", [
  conflictCauseSchema,
  missingPrerequisiteCauseSchema,
  usageLocationCauseSchema,
  duplicateAddressCauseSchema,
  seatsCauseSchema,
  noSubscriptionCauseSchema,
  undeterminedCauseSchema,
]);

export type NamedCause = z.infer<typeof namedCauseSchema>;

export const fixActionSchema = z.enum([
  "addSeats",
  "removeLicense",
  "disablePlan",
  "assignProduct",
  "fixOtherLicense",
  "setUsageLocation",
  "changeAddress",
  "reprocess",
]);

/** One way to clear a cause. Users whose fixes share a `key` are all cleared by that one fix. */
export const fixOptionSchema = z.object({
  key: z.string(),
  action: fixActionSchema,
  /** `group`: the change reaches every member of the group, not only those in error. */
  scope: z.enum(["user", "group", "tenant"]),
  text: z.string(),
  /** Plans the user would lose that no other working license of theirs provides. */
  takesAway: z.array(planRefSchema),
});

export type FixOption = z.infer<typeof fixOptionSchema>;

/** One failing assignment, its cause and the ways to fix it. */
export const assignmentCauseSchema = z.object({
  skuId: z.string(),
  groupId: z.string().nullable(),
  cause: namedCauseSchema,
  /** The cause concerns another product of the same group, whose failure took this one down too. */
  viaSibling: productRefSchema.nullable(),
  fixes: z.array(fixOptionSchema),
});

export type AssignmentCause = z.infer<typeof assignmentCauseSchema>;

/** Route params of `GET /api/users/{id}/license-causes`. */
export const getUserLicenseCausesParamsSchema = z.object({ id: userIdSchema });

/** `GET /api/users/{id}/license-causes`: every failing assignment of the user, named. */
export const getUserLicenseCausesResponseSchema = z.object({
  userId: z.string(),
  readAt: z.string(),
  assignments: z.array(assignmentCauseSchema),
});

export type GetUserLicenseCausesResponse = z.infer<typeof getUserLicenseCausesResponseSchema>;
