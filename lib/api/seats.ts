import { z } from "zod";
import { INACTIVE_DAYS, INACTIVE_DAYS_MESSAGE } from "./inactive-days";
import { assignmentSourceSchema, missingPermissionSchema } from "./license-causes";

/** One product the tenant subscribes to, with its seats and how many users are in error on it. */
export const seatProductSchema = z.object({
  skuId: z.string(),
  productName: z.string(),
  skuPartNumber: z.string(),
  prepaid: z.number().int(),
  consumed: z.number().int(),
  /** prepaid − consumed; negative when more seats are used than bought. */
  available: z.number().int(),
  usersInError: z.number().int(),
  /** `Enabled`, `Warning`, `Suspended`, `Deleted` or `LockedOut`. */
  capabilityStatus: z.string(),
});

export type SeatProduct = z.infer<typeof seatProductSchema>;

/** `GET /api/seats`. */
export const getSeatsResponseSchema = z.object({ products: z.array(seatProductSchema) });

export type GetSeatsResponse = z.infer<typeof getSeatsResponseSchema>;

/** Route params of `GET /api/seats/{skuId}/reclaimable` and `…/reclaimable.csv`. */
export const getReclaimableSeatsParamsSchema = z.object({
  skuId: z.guid(
    "A product is named by its skuId, a GUID such as f8a1db68-be16-40ed-86d5-cb42ce701560.",
  ),
});

export type GetReclaimableSeatsParams = z.infer<typeof getReclaimableSeatsParamsSchema>;

/** Query of both reclaimable routes: enabled holders without a sign-in for this many days are listed. */
export const getReclaimableSeatsQuerySchema = z.object({
  inactiveDays: z.coerce
    .number({ error: INACTIVE_DAYS_MESSAGE })
    .int(INACTIVE_DAYS_MESSAGE)
    .min(INACTIVE_DAYS.min, INACTIVE_DAYS_MESSAGE)
    .max(INACTIVE_DAYS.max, INACTIVE_DAYS_MESSAGE)
    .default(INACTIVE_DAYS.default),
});

export type GetReclaimableSeatsQuery = z.infer<typeof getReclaimableSeatsQuerySchema>;

/**
 * An account holding the product that could give its seat back. `holds` is each working assignment of
 * the product (a group, or direct with `groupId` null); its `since` is when Graph last changed that
 * assignment's state, as Graph keeps no "assigned on" date.
 */
export const reclaimableAccountSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  accountEnabled: z.boolean(),
  /** `neverSignedIn`: Graph has no sign-in for the account (never, or not since April 2020). */
  reason: z.enum(["disabled", "inactive", "neverSignedIn"]),
  /** The latest sign-in Graph recorded; null when none is, or when sign-in activity could not be read. */
  lastSignIn: z.string().nullable(),
  holds: z.array(assignmentSourceSchema),
});

export type ReclaimableAccount = z.infer<typeof reclaimableAccountSchema>;

/** Enabled holders without a recent sign-in, or why Licensedesk could not read sign-in activity. */
export const inactiveHoldersSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("read"),
    inactiveDays: z.number().int(),
    accounts: z.array(reclaimableAccountSchema),
  }),
  z.object({ status: z.literal("unavailable"), missing: z.array(missingPermissionSchema) }),
]);

export type InactiveHolders = z.infer<typeof inactiveHoldersSchema>;

/** `GET /api/seats/{skuId}/reclaimable`. */
export const getReclaimableSeatsResponseSchema = z.object({
  skuId: z.string(),
  productName: z.string(),
  readAt: z.string(),
  disabled: z.array(reclaimableAccountSchema),
  inactive: inactiveHoldersSchema,
});

export type GetReclaimableSeatsResponse = z.infer<typeof getReclaimableSeatsResponseSchema>;
