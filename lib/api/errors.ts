import { z } from "zod";
import { type ErrorCode, errorCodes } from "./error-codes";

export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** The error object inside every error reply and the stream's error event. */
export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Only with `throttled` and `rate_limited`: how long to wait before asking again. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** Only with `interaction_required`: the claims challenge to pass to MSAL's interactive request. */
  claims: z.string().optional(),
});

export type ApiErrorDetail = z.infer<typeof apiErrorSchema>;

/** The only shape an error reply has: `{ "error": { "code", "message" } }`. */
export const apiErrorBodySchema = z.object({ error: apiErrorSchema });

export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
