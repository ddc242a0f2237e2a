import { z } from "zod";

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
